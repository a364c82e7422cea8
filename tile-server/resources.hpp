#pragma once
// Files the server ships with (pages, styles, the default industry
// profiles): an installed binary finds them in ../share/investmap beside
// itself, a build in the source tree finds them there.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string_view>

namespace investmap::server {

// `installed` under ../share/investmap when that exists, else `in_source`
// under the source tree.
std::filesystem::path shipped_file(std::string_view installed, std::string_view in_source);

// styles/map.json, the template of every map style, read afresh (a few kB):
// an edited template shows without a restart. Throws std::runtime_error
// when it cannot be read.
nlohmann::json load_style_template();

}  // namespace investmap::server
