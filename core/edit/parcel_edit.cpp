#include "edit/parcel_edit.hpp"

#include "fit/fit_store.hpp"
#include "store/unlocated_parcels.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace investmap::edit {
namespace {

using store::field;
using Kind = EditError::Kind;

constexpr std::size_t kMaxTextBytes = 4000;
constexpr std::size_t kMaxNoteBytes = 1000;

[[noreturn]] void bad_field(const std::string& name, const std::string& zh, const std::string& en) {
    throw EditError(Kind::bad_field, name, zh + " / " + en);
}

bool is_date(const std::string& text) {
    unsigned year = 0, month = 0, day = 0;
    int consumed = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 || consumed != 10) {
        return false;
    }
    return std::chrono::year_month_day{std::chrono::year(static_cast<int>(year)), std::chrono::month(month), std::chrono::day(day)}.ok();
}

bool is_web_url(const std::string& text) {
    const bool scheme = text.starts_with("https://") || text.starts_with("http://");
    return scheme && text.size() <= 2000 && text.find_first_of(" \t\r\n\"<>") == std::string::npos &&
           text.size() > text.find("://") + 3;
}

store::FieldValue checked_value(const std::string& name, const store::FieldSpec& spec, const nlohmann::json& value) {
    if (value.is_null()) {
        if (name == "status") bad_field(name, "状态不能清空", "status cannot be removed");
        return std::monostate{};
    }
    if (spec.type == store::FieldType::real) {
        if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
            bad_field(name, name + " 应为非负数或 null", name + " must be a non-negative number or null");
        }
        if (const auto bound = store::beyond_maximum(spec, value.get<double>())) {
            bad_field(name, name + " 不能超过 " + *bound, name + " must be at most " + *bound);
        }
        return value.get<double>();
    }
    if (!value.is_string()) bad_field(name, name + " 应为文本或 null", name + " must be a string or null");
    const std::string text = value.get<std::string>();
    if (text.empty()) return std::monostate{};
    if (text.size() > kMaxTextBytes) bad_field(name, name + " 太长", name + " is too long");
    if (spec.type == store::FieldType::date && !is_date(text)) {
        bad_field(name, name + " 应为 YYYY-MM-DD 日期", name + " must be a date YYYY-MM-DD");
    }
    if (name == "status" && !vocabulary::find_status(text)) {
        const std::string codes = vocabulary::joined_codes(vocabulary::kStatuses);
        bad_field(name, "未知状态 " + text + "，可用：" + codes, "unknown status " + text + "; use " + codes);
    }
    if (name == "video_url" && !is_web_url(text)) {
        bad_field(name, "video_url 应为 http(s) 网址", "video_url must be an http(s) URL");
    }
    return text;
}

std::string text_of(const store::FieldValue& value) {
    const auto* text = std::get_if<std::string>(&value);
    return text ? *text : "";
}

// Reads the parcel inside the transaction; 404 when it is gone.
store::StoredParcel current(store::ParcelStore& parcels, std::string_view code) {
    auto parcel = parcels.find(code);
    if (!parcel) throw EditError(Kind::not_found, "", "没有这个地块 / no such parcel: " + std::string(code));
    return std::move(*parcel);
}

void check_move(const std::string& from, const std::string& to) {
    if (from == to || vocabulary::may_move(from, to)) return;
    throw EditError(Kind::bad_move, "status",
                    "状态不能从 " + from + " 改为 " + to + "，可改为：" + vocabulary::allowed_moves(from) + " / status cannot move from " + from +
                        " to " + to + "; allowed: " + vocabulary::allowed_moves(from));
}

}  // namespace

CheckedPatch check_patch(const nlohmann::json& patch) {
    if (!patch.is_object()) bad_field("", "请求体应为 JSON 对象（merge patch）", "the body must be a JSON object (a merge patch)");
    CheckedPatch checked;
    for (const auto& [name, value] : patch.items()) {
        if (name == "note") {
            if (!value.is_string() || value.get<std::string>().size() > kMaxNoteBytes) {
                bad_field(name, "note 应为不超过 1000 字节的文本", "note must be a string of at most 1000 bytes");
            }
            checked.note = value.get<std::string>();
            continue;
        }
        const auto index = store::field_index(name);
        if (!index || !store::kParcelFields[*index].editable) {
            const bool known = index.has_value();
            bad_field(name, known ? name + " 不能在此修改（由导入维护）" : "未知字段 " + name,
                      known ? name + " is not editable here (imports maintain it)" : "unknown field " + name);
        }
        checked.values.emplace_back(*index, checked_value(name, store::kParcelFields[*index], value));
    }
    return checked;
}

namespace {

store::ChangeReach reach_of(std::span<const std::string> public_statuses, std::string_view from, std::string_view to) {
    const bool seen = std::ranges::find(public_statuses, from) != public_statuses.end() ||
                      std::ranges::find(public_statuses, to) != public_statuses.end();
    return seen ? store::ChangeReach::everyone : store::ChangeReach::staff_only;
}

}  // namespace

store::StoredParcel apply_edit(store::Database& db, const EditRequest& request, const fit::IndustryProfiles& profiles) {
    const CheckedPatch patch = check_patch(request.patch);  // before any lock is taken
    store::Transaction transaction(db);
    store::ParcelStore parcels(db);
    store::StoredParcel before = current(parcels, request.code);
    if (before.version != request.expected_version) {
        throw EditError(Kind::stale, "", "地块已被他人修改，请刷新后再改 / the parcel changed since you read it: reload and edit again");
    }
    store::ParcelRecord after = before.record;
    for (const auto& [index, value] : patch.values) after[index] = value;
    const std::string from = text_of(before.record[field("status")]), to = text_of(after[field("status")]);
    check_move(from, to);
    store::AuditEvent event{.parcel_code = request.code, .action = "edit", .actor = request.actor, .at = store::utc_now()};
    event.changes = store::changed_fields(&before.record, after);
    if (event.changes.empty()) return before;
    event.from_status = from;
    event.to_status = to;
    event.note = patch.note;
    parcels.update(after, request.actor, event.at);
    parcels.record(event);
    fit::rescore_codes(db, profiles, {request.code});
    store::bump_data_version(db, reach_of(request.public_statuses, from, to));
    store::StoredParcel stored = current(parcels, request.code);
    transaction.commit();
    return stored;
}

namespace {

store::StoredParcel change_photos(store::Database& db, std::string_view code, std::string_view actor,
                                  std::span<const std::string> public_statuses,
                                  const std::function<nlohmann::json(const nlohmann::json&)>& change, const char* what) {
    store::Transaction transaction(db);
    store::ParcelStore parcels(db);
    const store::StoredParcel before = current(parcels, code);
    const nlohmann::json photos = change(before.photos);
    const std::string at = store::utc_now();
    parcels.set_photos(code, photos, actor, at);
    const std::string status = text_of(before.record[field("status")]);
    parcels.record({.parcel_code = std::string(code), .action = "edit", .actor = std::string(actor), .at = at,
                    .from_status = status, .to_status = status, .changes = {{"photos", {before.photos, photos}}}, .note = what});
    store::bump_data_version(db, reach_of(public_statuses, status, status));
    store::StoredParcel stored = current(parcels, code);
    transaction.commit();
    return stored;
}

}  // namespace

store::StoredParcel add_photo(store::Database& db, std::string_view code, const nlohmann::json& photo, std::string_view actor,
                              std::span<const std::string> public_statuses) {
    return change_photos(db, code, actor, public_statuses, [&](const nlohmann::json& photos) {
        nlohmann::json updated = photos;
        const bool present = std::ranges::any_of(photos, [&](const auto& p) { return p["hash"] == photo["hash"]; });
        if (!present) updated.push_back(photo);
        return updated;
    }, "上传照片 photo added");
}

store::StoredParcel remove_photo(store::Database& db, std::string_view code, std::string_view hash, std::string_view actor,
                                 std::span<const std::string> public_statuses) {
    return change_photos(db, code, actor, public_statuses, [&](const nlohmann::json& photos) {
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& photo : photos) {
            if (photo["hash"] != hash) kept.push_back(photo);
        }
        if (kept.size() == photos.size()) throw EditError(Kind::not_found, "", "该地块没有这张照片 / the parcel has no such photo");
        return kept;
    }, "删除照片 photo removed");
}

store::StoredParcel place_unlocated(store::Database& db, std::string_view code, const std::string& wkb,
                                    std::optional<double> area_m2, std::string_view actor,
                                    std::span<const std::string> public_statuses, const fit::IndustryProfiles& profiles) {
    store::Transaction transaction(db);
    std::optional<store::UnlocatedParcel> waiting = store::find_unlocated(db, code);
    if (!waiting) {
        throw EditError(Kind::not_found, "", "没有待定位的地块 " + std::string(code) + " / no parcel " + std::string(code) + " waits for a location");
    }
    store::ParcelRecord record = std::move(waiting->record);
    record.wkb = wkb;
    if (area_m2 && std::holds_alternative<std::monostate>(record[field("area_m2")])) record[field("area_m2")] = *area_m2;
    const std::string at = store::utc_now();
    const std::string status = text_of(record[field("status")]);
    store::ParcelStore parcels(db);
    parcels.insert(record, actor, at);
    parcels.record({.parcel_code = std::string(code), .action = "edit", .actor = std::string(actor), .at = at,
                    .from_status = status, .to_status = status, .changes = {{"geometry", "added"}},
                    .note = "在地图上定位 placed on the map"});
    store::remove_unlocated(db, code);
    fit::rescore_codes(db, profiles, {std::string(code)});
    store::bump_data_version(db, reach_of(public_statuses, status, status));
    store::StoredParcel stored = current(parcels, code);
    transaction.commit();
    return stored;
}

}  // namespace investmap::edit
