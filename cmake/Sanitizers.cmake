# -DINVESTMAP_SANITIZE=ON (the "asan" preset) instruments every target.
if(INVESTMAP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# -DINVESTMAP_FUZZ=ON (the "fuzz" preset, clang): every target records
# coverage for libFuzzer and runs under ASan + UBSan; an undefined
# behaviour stops the run like a crash.
if(INVESTMAP_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
