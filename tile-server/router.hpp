#pragma once
// The pure request → response function, and the one place that turns errors
// into HTTP statuses and the JSON error body.
#include "app.hpp"
#include "http.hpp"

namespace investmap::server {

// Never throws. Sets `request.caller` from its Authorization header, and
// `route` to the route's name, for the metrics.
Response handle_request(App& app, Request& request, std::string& route);

}  // namespace investmap::server
