#pragma once
// Files the server ships with (pages, styles, the default industry
// profiles): an installed binary finds them in ../share/investmap beside
// itself, a build in the source tree finds them there.
#include <filesystem>
#include <string_view>

namespace investmap::server {

// `installed` under ../share/investmap when that exists, else `in_source`
// under the source tree.
std::filesystem::path shipped_file(std::string_view installed, std::string_view in_source);

}  // namespace investmap::server
