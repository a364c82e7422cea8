# What `cmake --install` puts under the prefix:
#   bin/investmap
#   share/investmap/web/                  the pages, with web/vendor/maplibre-gl from npm
#   share/investmap/styles/               the MapLibre style template
#   share/investmap/industries.toml       the industry profiles the server starts with
#   share/investmap/server-example.toml   every setting, commented
#   share/investmap/deploy/               the systemd units, nginx site, config and backup script
#   share/investmap/README.md
# The server looks for share/investmap beside its binary's folder, so any
# prefix works; the deploy files name /usr/local.
set(INVESTMAP_SHARE share/investmap)
install(TARGETS investmap RUNTIME DESTINATION bin)
install(DIRECTORY web/ DESTINATION ${INVESTMAP_SHARE}/web)
install(DIRECTORY styles/ DESTINATION ${INVESTMAP_SHARE}/styles)
install(FILES data/industries.toml data/server-example.toml README.md DESTINATION ${INVESTMAP_SHARE})
install(FILES deploy/investmap.service deploy/investmap-backup.service deploy/investmap-backup.timer
              deploy/investmap.toml deploy/nginx-investmap.conf
        DESTINATION ${INVESTMAP_SHARE}/deploy)
install(PROGRAMS deploy/investmap-backup.sh DESTINATION ${INVESTMAP_SHARE}/deploy)
# MapLibre GL JS comes from npm (package-lock.json); without it the pages
# cannot draw a map, so installing without it is an error that says why.
set(INVESTMAP_MAPLIBRE ${CMAKE_SOURCE_DIR}/node_modules/maplibre-gl/dist)
install(CODE "
  if(NOT EXISTS \"${INVESTMAP_MAPLIBRE}/maplibre-gl.mjs\")
    message(FATAL_ERROR \"缺少 MapLibre GL JS：请先运行 npm ci --omit=dev / MapLibre GL JS is missing: run npm ci --omit=dev first\")
  endif()")
# The modules and stylesheet the pages load; not the -dev builds, source maps or typings.
install(DIRECTORY ${INVESTMAP_MAPLIBRE}/ DESTINATION ${INVESTMAP_SHARE}/web/vendor/maplibre-gl
        FILES_MATCHING PATTERN "*.mjs" PATTERN "*.css" PATTERN "*-dev.mjs" EXCLUDE)
