# -DINVESTMAP_SANITIZE=ON (the "asan" preset) instruments every target.
if(INVESTMAP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
