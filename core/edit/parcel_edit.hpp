#pragma once
// Staff edits (PRODUCT.md): a JSON merge patch (RFC 7396) of the fields the
// vocabulary marks editable, checked against the version the editor saw, the status moves
// allowed, and each field's type. The change, its fit scores, its audit
// event and the data version are written in one transaction.
#include "fit/industry_profile.hpp"
#include "store/parcel_store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace investmap::edit {

// Why an edit was refused; the HTTP layer maps `kind` to a status code.
class EditError : public std::runtime_error {
public:
    enum class Kind { not_found, stale, bad_move, bad_field };
    EditError(Kind kind, std::string field, const std::string& message)
        : std::runtime_error(message), kind_(kind), field_(std::move(field)) {}
    Kind kind() const { return kind_; }
    const std::string& field() const { return field_; }

private:
    Kind kind_;
    std::string field_;
};

struct EditRequest {
    std::string code;
    std::int64_t expected_version = 0;  // from If-Match
    nlohmann::json patch;               // the merge patch; "note" is the audit note
    std::string actor;                  // the token's name
    // The statuses anonymous callers see (the server's public_statuses):
    // an edit of a parcel in none of them, before and after, is staff-only.
    std::vector<std::string> public_statuses;
};

// The fields of `patch` as values for the record, checked: unknown or
// uneditable keys, wrong types and bad values throw EditError naming them.
struct CheckedPatch {
    std::vector<std::pair<std::size_t, store::FieldValue>> values;  // field index → new value
    std::optional<std::string> note;
};
CheckedPatch check_patch(const nlohmann::json& patch);

// Applies the edit in its own transaction; returns the parcel as stored.
// An edit that changes nothing writes nothing and returns the parcel.
store::StoredParcel apply_edit(store::Database& db, const EditRequest& request, const fit::IndustryProfiles& profiles);

// Adds or removes a photo (an entry of StoredParcel::photos) with an audit event.
store::StoredParcel add_photo(store::Database& db, std::string_view code, const nlohmann::json& photo, std::string_view actor,
                              std::span<const std::string> public_statuses);
store::StoredParcel remove_photo(store::Database& db, std::string_view code, std::string_view hash, std::string_view actor,
                                 std::span<const std::string> public_statuses);

// Places a parcel that waited without a location (import --allow-unlocated):
// it moves into `parcels` with `wkb` (EPSG:4326, checked by the caller) and,
// when it had no area, `area_m2`; audited as an edit of the geometry, scored,
// and in the very next tile. Throws EditError not_found when `code` is not
// waiting.
store::StoredParcel place_unlocated(store::Database& db, std::string_view code, const std::string& wkb,
                                    std::optional<double> area_m2, std::string_view actor,
                                    std::span<const std::string> public_statuses, const fit::IndustryProfiles& profiles);

}  // namespace investmap::edit
