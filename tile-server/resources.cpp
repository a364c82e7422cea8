#include "resources.hpp"

#include <fstream>
#include <stdexcept>

namespace investmap::server {

std::filesystem::path shipped_file(std::string_view installed, std::string_view in_source) {
    namespace fs = std::filesystem;
    std::error_code error;
    // Without "bin/..": the path is printed at start-up.
    const fs::path beside = (fs::read_symlink("/proc/self/exe", error).parent_path() / "../share/investmap" / installed).lexically_normal();
    if (!error && fs::exists(beside)) return beside;
    return fs::path(INVESTMAP_SOURCE_DIR) / in_source;
}

nlohmann::json load_style_template() {
    const auto path = shipped_file("styles/map.json", "styles/map.json");
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot read the style template " + path.string());
    return nlohmann::json::parse(file);
}

}  // namespace investmap::server
