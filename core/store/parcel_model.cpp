#include "store/parcel_model.hpp"

#include <algorithm>
#include <cstdio>

namespace investmap::store {

const KindInfo* find_kind(std::string_view code) {
    auto it = std::ranges::find(kKinds, code, &KindInfo::code);
    return it == kKinds.end() ? nullptr : &*it;
}

bool is_land_use_code(std::string_view code) {
    constexpr std::string_view classes = "RABMWSUGHE";
    if (code.empty() || code.size() > 3 || classes.find(code[0]) == std::string_view::npos) return false;
    return std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const StatusInfo* find_status(std::string_view code) {
    auto it = std::ranges::find(kStatuses, code, &StatusInfo::code);
    return it == kStatuses.end() ? nullptr : &*it;
}

bool may_move(std::string_view from, std::string_view to) {
    const StatusInfo* status = find_status(from);
    return status && !to.empty() && std::ranges::find(status->may_move_to, to) != status->may_move_to.end();
}

std::optional<std::size_t> field_index(std::string_view column) {
    auto it = std::ranges::find(kParcelFields, column, &FieldSpec::column);
    if (it == kParcelFields.end()) return std::nullopt;
    return static_cast<std::size_t>(it - kParcelFields.begin());
}

std::optional<std::string> beyond_maximum(const FieldSpec& spec, double value) {
    if (spec.max_value <= 0 || value <= spec.max_value) return std::nullopt;
    char bound[32];
    std::snprintf(bound, sizeof bound, "%.0f", spec.max_value);
    return std::string(bound);
}

}  // namespace investmap::store
