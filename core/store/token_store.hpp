#pragma once
// API tokens (PRODUCT.md): a random 256-bit secret shown once; the store
// keeps only its SHA-256, so a copy of the database grants nothing.
#include "store/sqlite.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace investmap::store {

struct TokenInfo {
    std::int64_t id = 0;
    std::string name;  // who holds it: shown in the audit trail
    std::string role;  // staff | admin
    std::string created_at;
    std::optional<std::string> last_used_at;
    std::optional<std::string> revoked_at;
};

struct NewToken {
    std::int64_t id = 0;
    std::string secret;  // "imt_" and 64 hex digits; printed once, never stored
};

using TokenHash = std::array<unsigned char, 32>;
TokenHash token_hash(std::string_view secret);

// Throws InputError for an unknown role or an empty name.
NewToken create_token(Database& db, std::string_view name, std::string_view role);
std::vector<TokenInfo> list_tokens(Database& db);
// False when there is no such token or it was revoked already.
bool revoke_token(Database& db, std::int64_t id, std::string_view at);
// The live (not revoked) token whose hash matches `secret`; the stored hash
// is compared with the computed one in constant time.
std::optional<TokenInfo> find_live_token(Database& db, std::string_view secret);
void mark_token_used(Database& db, std::int64_t id, std::string_view at);

}  // namespace investmap::store
