#pragma once
// The network side: Boost.Beast, asynchronous, N threads with an io_context each.
// Limits per connection: header bytes, body bytes, read timeout, requests.
// SIGINT/SIGTERM stop accepting; requests in flight finish, then it returns.
// SIGHUP asks for the industry profiles to be read again.
#include "app.hpp"

#include <functional>

namespace investmap::server {

// Listens on the configured address (port 0: any free port) and serves until
// SIGINT or SIGTERM arrives. `on_listening` gets the bound port once
// accepting; `on_hangup` runs on each SIGHUP.
void serve_http(App& app, const std::function<void(unsigned short port)>& on_listening,
                const std::function<void()>& on_hangup = {});

}  // namespace investmap::server
