#pragma once
// The pure request → response function, and the one place that turns errors
// into HTTP statuses and the JSON error body.
#include "app.hpp"
#include "http.hpp"

namespace investmap::server {

// Never throws. `route` is set to the route's name, for the metrics.
Response handle_request(App& app, const Request& request, std::string& route);

}  // namespace investmap::server
