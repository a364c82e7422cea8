#include "store/token_store.hpp"

#include "hex.hpp"

#include "errors.hpp"
#include "store/parcel_store.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>

namespace investmap::store {
namespace {

constexpr std::string_view kPrefix = "imt_";  // recognisable in a leaked paste

std::string random_secret() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed: no randomness for a token");
    return std::string(kPrefix) + lower_hex(bytes);
}

std::span<const std::byte> as_bytes(const TokenHash& hash) { return std::as_bytes(std::span(hash)); }

}  // namespace

TokenHash token_hash(std::string_view secret) {
    TokenHash hash{};
    SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), hash.data());
    return hash;
}

NewToken create_token(Database& db, std::string_view name, std::string_view role) {
    if (role != "staff" && role != "admin") throw InputError("角色应为 staff 或 admin", "role must be staff or admin");
    if (name.empty() || name.size() > 100) throw InputError("名称不能为空，且不超过 100 字节", "the name must be 1 to 100 bytes");
    NewToken token{0, random_secret()};
    auto insert = db.prepare("INSERT INTO tokens (name, role, sha256, created_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, name).bind(2, role).bind_blob(3, as_bytes(token_hash(token.secret))).bind(4, utc_now()).run();
    token.id = db.query_int64("SELECT last_insert_rowid()");
    return token;
}

std::vector<TokenInfo> list_tokens(Database& db) {
    auto rows = db.prepare("SELECT id, name, role, created_at, last_used_at, revoked_at FROM tokens ORDER BY id");
    std::vector<TokenInfo> tokens;
    while (rows.step()) {
        tokens.push_back({rows.column_int64(0), rows.column_text(1), rows.column_text(2), rows.column_text(3),
                          rows.optional_text(4), rows.optional_text(5)});
    }
    return tokens;
}

bool revoke_token(Database& db, std::int64_t id, std::string_view at) {
    db.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(1, at).bind(2, id).run();
    return db.query_int64("SELECT changes()") == 1;
}

std::optional<TokenInfo> find_live_token(Database& db, std::string_view secret) {
    const TokenHash wanted = token_hash(secret);
    auto row = db.prepare("SELECT id, name, role, created_at, last_used_at, sha256 FROM tokens WHERE sha256 = ? AND revoked_at IS NULL");
    row.bind_blob(1, as_bytes(wanted));
    if (!row.step()) return std::nullopt;
    const auto stored = row.column_blob(5);
    if (stored.size() != wanted.size() || CRYPTO_memcmp(stored.data(), wanted.data(), wanted.size()) != 0) return std::nullopt;
    return TokenInfo{row.column_int64(0), row.column_text(1), row.column_text(2), row.column_text(3), row.optional_text(4), std::nullopt};
}

void mark_token_used(Database& db, std::int64_t id, std::string_view at) {
    db.prepare("UPDATE tokens SET last_used_at = ? WHERE id = ?").bind(1, at).bind(2, id).run();
}

}  // namespace investmap::store
