# Every third-party library, found once; targets link the imported names.
find_package(PkgConfig REQUIRED)
find_package(GDAL 3.6 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(GEOS 3.11 REQUIRED)
find_path(PROTOZERO_INCLUDE_DIR protozero/pbf_writer.hpp REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(OpenSSL REQUIRED)
# Boost.Beast and Asio (the server; Asio's thread pool in core), header-only here.
find_package(Boost 1.74 REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(SPATIALITE REQUIRED IMPORTED_TARGET spatialite)
pkg_check_modules(PROJ REQUIRED IMPORTED_TARGET proj)
find_package(tomlplusplus 3 REQUIRED)
# Static maps: cairo draws, pango lays out CJK text, libqrencode makes QR codes.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf cairo-svg cairo-png)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng)
