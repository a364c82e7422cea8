#include "authenticator.hpp"

#include "store/parcel_store.hpp"
#include "store/token_store.hpp"
#include "text/ascii.hpp"

#include <algorithm>
#include <array>

namespace investmap::server {
namespace {

constexpr std::array<std::string_view, 5> kTokenParameters = {"token", "access_token", "api_key", "apikey", "key"};
constexpr auto kWindow = std::chrono::minutes(1);

[[noreturn]] void unauthorized() {
    throw HttpError(401, "unauthorized", "令牌无效 / invalid token");
}

void note_use(SharedDatabase& database, TokenUseNotes& notes, const store::TokenInfo& token) {
    if (!notes.due(token.id)) return;
    database.write([&](store::Database& db) { store::mark_token_used(db, token.id, store::utc_now()); });
}

}  // namespace

bool is_token_parameter(std::string_view name) {
    return std::ranges::any_of(kTokenParameters, [&](std::string_view known) { return text::iequals_ascii(name, known); });
}

bool TokenUseNotes::due(std::int64_t token_id) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto [at, fresh] = written_.try_emplace(token_id, now);
    if (!fresh && now - at->second < kEvery) return false;
    at->second = now;
    return true;
}

void FailedAttempts::forget_old(std::deque<std::chrono::steady_clock::time_point>& times) {
    const auto cutoff = std::chrono::steady_clock::now() - kWindow;
    while (!times.empty() && times.front() < cutoff) times.pop_front();
}

bool FailedAttempts::too_many(const std::string& address) {
    std::lock_guard lock(mutex_);
    forget_old(all_);
    if (all_.size() >= kAllowedPerMinuteFromAll) return true;  // guessing from many addresses
    const auto found = failures_.find(address);
    if (found == failures_.end()) return false;
    forget_old(found->second);
    return found->second.size() >= kAllowedPerMinute;
}

void FailedAttempts::record(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto& times = failures_[address];
    forget_old(times);
    times.push_back(std::chrono::steady_clock::now());
    forget_old(all_);
    all_.push_back(times.back());
    if (failures_.size() > 10000) {  // a flood of addresses must not grow this without bound
        for (auto& [address_seen, seen] : failures_) forget_old(seen);
        std::erase_if(failures_, [](const auto& entry) { return entry.second.empty(); });
    }
}

std::optional<Caller> authenticate(SharedDatabase& database, SignInGuard& guard, const Request& request) {
    for (const auto& [name, value] : request.query) {
        if (is_token_parameter(name)) {
            throw HttpError(400, "token_in_url",
                            "令牌不能放在网址里，请用 Authorization: Bearer 请求头 / tokens do not belong in URLs: send "
                            "Authorization: Bearer …");
        }
    }
    const auto header = request.header("authorization");
    if (!header) return std::nullopt;
    constexpr std::string_view kScheme = "Bearer ";
    const bool bearer = header->size() > kScheme.size() && text::iequals_ascii(header->substr(0, kScheme.size()), kScheme);
    // A valid token always works: the limit below slows down guessing, and
    // must not lock staff out because someone else (behind the same proxy,
    // or on purpose) failed from their address.
    const auto token = bearer ? store::find_live_token(database.reader(), header->substr(kScheme.size())) : std::nullopt;
    if (token) {
        note_use(database, guard.token_use, *token);
        return Caller{token->id, token->name, token->role};
    }
    // Behind a trusted proxy, the client it forwarded: not the proxy, which every client shares.
    const std::string& address = request.client_address.empty() ? request.remote_address : request.client_address;
    if (guard.failed_attempts.too_many(address)) {
        throw HttpError(429, "too_many_attempts", "失败次数过多，请一分钟后再试 / too many failed attempts: try again in a minute");
    }
    guard.failed_attempts.record(address);
    unauthorized();
}

const Caller& require_staff(const Request& request) {
    if (!request.caller) {
        throw HttpError(401, "unauthorized", "需要招商科令牌 / a staff token is required");
    }
    return *request.caller;
}

}  // namespace investmap::server
