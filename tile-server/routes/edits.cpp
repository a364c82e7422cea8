// Staff writes: PATCH …/items/{code} (merge patch with If-Match), GET
// …/items/{code}/history, POST …/items/{code}/media and DELETE
// …/items/{code}/media/{hash}. All need a token; all go through the one
// writer connection.
#include "routes.hpp"

#include "../http_headers.hpp"

#include "../auth/authenticator.hpp"
#include "edit/parcel_edit.hpp"
#include "hex.hpp"
#include "geojson/parcel_feature.hpp"
#include "media/media_probe.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <vector>
#include <memory>

namespace investmap::server::routes {
namespace {

using nlohmann::json;

// The version an If-Match names: the first of our strong item ETags
// "v{version}" in its list (a weak tag never matches, RFC 9110 §13.1.1).
// "*" names no version: an edit must say which one it was made on.
std::int64_t expected_version(const Request& request) {
    const auto header = request.header("if-match");
    const auto list = header ? parse_entity_tags(*header) : std::nullopt;
    if (!header || (list && list->any)) {
        throw HttpError(428, "precondition_required",
                        "需要 If-Match：请带上读取地块时得到的 ETag / If-Match is required: send the ETag you read the parcel with");
    }
    for (const EntityTag& tag : list ? list->tags : std::vector<EntityTag>{}) {
        std::int64_t version = -1;
        const std::string_view digits = tag.opaque.substr(std::min<std::size_t>(2, tag.opaque.size()));
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
        if (!tag.weak && error == std::errc() && version >= 0 && tag.opaque == item_etag(version)) return version;
    }
    throw HttpError(412, "stale", "ETag 不符，地块可能已被修改 / the ETag does not match: the parcel may have changed");
}

Response edited(const store::StoredParcel& parcel, const std::string& base) {
    Response response;
    response.content_type = "application/geo+json";
    nlohmann::json feature = geojson::parcel_feature(parcel, geojson::GeoJsonGeometryWriter(), true);
    absolute_media_urls(feature, base);
    response.body = feature.dump();
    response.headers = {{"ETag", item_etag(parcel.version)}, {"Cache-Control", "private, no-store"}};
    return response;
}

// Runs an edit on the writer, turning EditError into the HTTP status it means.
store::StoredParcel write_edit(SharedDatabase& database, const std::function<store::StoredParcel(store::Database&)>& work) {
    std::optional<store::StoredParcel> result;
    try {
        database.write([&](store::Database& db) { result = work(db); });
    } catch (const edit::EditError& error) {
        switch (error.kind()) {
            case edit::EditError::Kind::not_found: throw HttpError(404, "not_found", error.what());
            case edit::EditError::Kind::stale: throw HttpError(412, "stale", error.what());
            case edit::EditError::Kind::bad_move: throw HttpError(409, "status_move_not_allowed", error.what());
            case edit::EditError::Kind::bad_field: throw HttpError(400, "bad_field", error.what());
        }
    }
    return std::move(*result);
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char hash[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), hash);
    return lower_hex(hash);
}

// Stores the bytes under their hash: written to a temporary name and
// renamed, so a file under a hash name is always complete. A failed write
// (a full disk) removes the temporary file and is a 507.
void store_media(const ServerConfig& config, const std::string& name, std::string_view bytes) {
    namespace fs = std::filesystem;
    const fs::path dir = config.media_dir;
    fs::create_directories(dir);
    const fs::path target = dir / name;
    if (fs::exists(target)) return;
    const fs::path temporary = dir / (name + ".part");
    bool written = false;
    {
        std::ofstream out(temporary, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        written = static_cast<bool>(out.flush());
        out.close();
        written = written && !out.fail();
    }
    std::error_code error;
    if (written) fs::rename(temporary, target, error);
    if (!written || error) {
        fs::remove(temporary, error);
        throw HttpError(507, "disk_full", "无法保存文件（磁盘可能已满），未做任何修改 / cannot store the file (the disk may be full): nothing was changed");
    }
}

struct StoredMedia {
    media::MediaInfo info;
    std::string hash;
    std::uint64_t bytes = 0;
};

[[noreturn]] void unsupported(const media::MediaError& error) { throw HttpError(415, "unsupported_media", error.what()); }

// An upload held in memory: probed, its metadata removed (photos), stored
// under its hash. A video is stored as sent, without a second copy.
StoredMedia store_upload(const ServerConfig& config, std::string_view body) {
    StoredMedia stored;
    std::string stripped;
    std::string_view bytes = body;
    try {
        stored.info = media::probe_media(body);
        if (stored.info.kind == "photo") bytes = stripped = media::strip_metadata(stored.info, body);
    } catch (const media::MediaError& error) {
        unsupported(error);
    }
    stored.hash = sha256_hex(bytes);
    stored.bytes = bytes.size();
    store_media(config, stored.hash + "." + stored.info.extension, bytes);
    return stored;
}

std::string read_file(const std::string& path, std::uint64_t count) {
    std::ifstream file(path, std::ios::binary);
    std::string bytes(count, '\0');
    file.read(bytes.data(), static_cast<std::streamsize>(count));
    bytes.resize(static_cast<std::size_t>(file.gcount()));
    return bytes;
}

std::string sha256_of_file(const std::string& path) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
    std::ifstream file(path, std::ios::binary);
    std::vector<char> chunk(1 << 20);
    while (file.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || file.gcount() > 0) {
        EVP_DigestUpdate(context.get(), chunk.data(), static_cast<std::size_t>(file.gcount()));
    }
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    EVP_DigestFinal_ex(context.get(), hash, &length);
    return lower_hex(std::span<const unsigned char>(hash, length));
}

// An upload the server wrote to a file as it arrived (over 1 MiB). A photo
// (at most 10 MB) is stripped in memory as ever; a video is hashed from the
// file and the file renamed to its hash: never in memory whole.
StoredMedia store_upload_file(const ServerConfig& config, const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    const std::uint64_t size = fs::file_size(path, error);
    if (error) throw std::runtime_error("the upload vanished: " + path);
    if (size <= media::kMaxImageBytes) return store_upload(config, read_file(path, size));
    StoredMedia stored;
    try {
        stored.info = media::probe_media(read_file(path, 64 * 1024), size);
    } catch (const media::MediaError& error_found) {
        unsupported(error_found);
    }
    stored.hash = sha256_of_file(path);
    stored.bytes = size;
    const fs::path target = fs::path(config.media_dir) / (stored.hash + "." + stored.info.extension);
    if (!fs::exists(target)) fs::rename(path, target, error);  // the same folder: the name changes, no byte is copied
    if (error) throw HttpError(507, "disk_full", "无法保存文件，未做任何修改 / cannot store the file: nothing was changed");
    return stored;
}

}  // namespace

std::string item_etag(std::int64_t version) { return "\"v" + std::to_string(version) + "\""; }

Response patch_item(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request, std::string_view code) {
    const Caller& caller = require_staff(request);
    accept_only(request, parameters::kNone);
    const std::int64_t version = expected_version(request);
    json patch;
    try {
        patch = json::parse(request.body);
    } catch (const json::parse_error&) {
        throw HttpError(400, "bad_json", "请求体不是有效的 JSON / the body is not valid JSON");
    }
    const auto profiles = industries.current();
    const edit::EditRequest edit{std::string(code), version, std::move(patch), caller.name, config.public_statuses};
    return edited(write_edit(database, [&](store::Database& db) { return edit::apply_edit(db, edit, *profiles); }), base_url(config, request));
}

Response item_history(const ServerConfig& config, SharedDatabase& database, const Request& request, std::string_view code) {
    require_staff(request);
    accept_only(request, parameters::kNone);
    const auto events = store::audit_events(database.reader(), code);
    if (events.empty()) throw HttpError(404, "not_found", "没有这个地块的记录 / no history for parcel " + std::string(code));
    json list = json::array();
    for (const auto& [id, event] : events) {
        list.push_back({{"id", id}, {"action", event.action}, {"actor", event.actor}, {"at", event.at},
                        {"from_status", event.from_status ? json(*event.from_status) : json(nullptr)},
                        {"to_status", event.to_status ? json(*event.to_status) : json(nullptr)},
                        {"changes", event.changes}, {"note", event.note ? json(*event.note) : json(nullptr)}});
    }
    Response response = json_document(config, request, json{{"parcel", code}, {"events", list}}.dump());
    return response;
}

Response upload_media(const ServerConfig& config, SharedDatabase& database, const Request& request, std::string_view code) {
    const Caller& caller = require_staff(request);
    accept_only(request, parameters::kNone);
    const StoredMedia stored = request.body_file.empty() ? store_upload(config, request.body) : store_upload_file(config, request.body_file);
    const media::MediaInfo& info = stored.info;
    json entry = {{"hash", stored.hash}, {"kind", info.kind}, {"type", info.mime}, {"bytes", stored.bytes},
                  {"url", "/media/" + stored.hash + "." + info.extension}};
    if (info.kind == "photo") {
        entry["width"] = info.width;
        entry["height"] = info.height;
    }
    Response response = edited(write_edit(database, [&](store::Database& db) { return edit::add_photo(db, code, entry, caller.name, config.public_statuses); }),
                                 base_url(config, request));
    response.status = 201;
    return response;
}

Response delete_media(const ServerConfig& config, SharedDatabase& database, const Request& request, std::string_view code,
                      std::string_view hash) {
    const Caller& caller = require_staff(request);
    accept_only(request, parameters::kNone);
    return edited(write_edit(database, [&](store::Database& db) { return edit::remove_photo(db, code, hash, caller.name, config.public_statuses); }),
                  base_url(config, request));
}

}  // namespace investmap::server::routes
