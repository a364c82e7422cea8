#include "routes.hpp"

namespace investmap::server::routes {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const std::size_t slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return parts;
}

std::vector<std::string_view> visible_statuses(const App& app, const Request&) {
    return {app.config.public_statuses.begin(), app.config.public_statuses.end()};
}

}  // namespace investmap::server::routes
