#pragma once
// Who is asking: `Authorization: Bearer <token>` checked against the
// tokens table (only hashes are stored). A bad token is a 401 that does not
// say what was wrong; a valid token is always let in; after 10 failures a
// minute from one address, or 100 from all, a bad token gets 429; a token in the query string is refused, as URLs end up in logs,
// histories and Referer headers.
#include "../http.hpp"
#include "../shared_database.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace investmap::server {

// Failed attempts per address within the last minute.
class FailedAttempts {
public:
    static constexpr std::size_t kAllowedPerMinute = 10;
    // From all addresses together: rotating source addresses does not
    // buy an attacker more guesses than this.
    static constexpr std::size_t kAllowedPerMinuteFromAll = 100;
    bool too_many(const std::string& address);
    void record(const std::string& address);

private:
    void forget_old(std::deque<std::chrono::steady_clock::time_point>& times);
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
    std::deque<std::chrono::steady_clock::time_point> all_;
};

// When each token's "last used" was last written. Writing it on every
// request would serialise every staff read behind the writer: once a minute
// a token is enough. One entry per valid token that was used.
class TokenUseNotes {
public:
    static constexpr auto kEvery = std::chrono::minutes(1);
    // True when the token's use is due to be written now (and from now on
    // counts as written).
    bool due(std::int64_t token_id);

private:
    std::mutex mutex_;
    std::unordered_map<std::int64_t, std::chrono::steady_clock::time_point> written_;
};

// What signing in remembers between requests.
struct SignInGuard {
    FailedAttempts failed_attempts;
    TokenUseNotes token_use;
};

// Whether a query parameter of this name (in any case) could carry a
// token: token, access_token, api_key, apikey, key. Refused in requests,
// masked in the access log.
bool is_token_parameter(std::string_view name);

// The caller, or nullopt for an anonymous request (no Authorization header).
// Throws HttpError 400 (token in the URL), 401 (bad token) or 429.
std::optional<Caller> authenticate(SharedDatabase& database, SignInGuard& guard, const Request& request);

// Throws 401 unless the request came with a valid token.
const Caller& require_staff(const Request& request);

}  // namespace investmap::server
