#pragma once
// One function a route family. Each may throw HttpError (a client mistake),
// filter::FilterError (a bad query parameter) or anything else (our fault).
#include "../app.hpp"
#include "../http.hpp"

#include <string_view>
#include <vector>

namespace investmap::server::routes {

// The path's segments after the leading slash: "/tiles/1/2/3.mvt" → tiles,1,2,3.mvt
std::vector<std::string_view> segments(std::string_view path);

// The statuses this request may see (only public ones until tokens arrive).
std::vector<std::string_view> visible_statuses(const App& app, const Request& request);

Response tile(App& app, const Request& request, std::string_view z, std::string_view x, std::string_view y_and_extension);
Response tilejson(App& app, const Request& request);
Response health(App& app);
Response metrics(App& app);

}  // namespace investmap::server::routes
