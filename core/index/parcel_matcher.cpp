#include "index/parcel_matcher.hpp"

#include "text/ascii.hpp"

#include <algorithm>

namespace investmap::index {
namespace {

using text::ascii_lower;

// Whether a parcel's shared text is one of `copies` (the index's copies of
// the texts asked for).
bool listed(const std::vector<const char*>& copies, const std::optional<std::string_view>& value) {
    return value && std::ranges::find(copies, value->data()) != copies.end();
}

std::vector<const char*> shared_copies(const ParcelIndex& index, const std::vector<std::string>& texts) {
    std::vector<const char*> copies;
    for (const std::string& text : texts) {
        if (const char* copy = index.shared_copy(text)) copies.push_back(copy);
    }
    return copies;
}

bool at_least(const std::optional<double>& value, const std::optional<double>& bound) {
    return !bound || (value && *value >= *bound);
}

bool at_most(const std::optional<double>& value, const std::optional<double>& bound) {
    return !bound || (value && *value <= *bound);
}

template <typename Text>
bool text_contains(const std::optional<Text>& text, std::string_view needle) {
    return text && contains_like(*text, needle);
}

}  // namespace

bool contains_like(std::string_view text, std::string_view needle) {
    // std::search, not std::ranges::search: clang (the fuzz build) cannot
    // compile the latter over string_views with libstdc++ 12.
    const auto found = std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                                   [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
    return found != text.end() || needle.empty();
}

ParcelMatcher::ParcelMatcher(const ParcelIndex& index, const filter::Filter& filter,
                             std::span<const std::string_view> visible_statuses)
    : index_(index), filter_(filter) {
    for (std::string_view status : visible_statuses) {
        if (filter.statuses.empty() || std::ranges::find(filter.statuses, status) != filter.statuses.end()) {
            if (const char* copy = index.shared_copy(status)) statuses_.push_back(copy);
        }
    }
    kinds_ = shared_copies(index, filter.kinds);
    land_uses_ = shared_copies(index, filter.land_uses);
    parks_ = shared_copies(index, filter.parks);
    if (filter.industry) industry_column_ = index.industry_column(*filter.industry);
}

bool ParcelMatcher::attributes_match(const IndexedParcel& p) const {
    const filter::Filter& f = filter_;
    if (!listed(statuses_, p.status)) return false;
    if (!f.kinds.empty() && !listed(kinds_, p.kind)) return false;
    if (!f.land_uses.empty() && !listed(land_uses_, p.land_use)) return false;
    if (!f.parks.empty() && !listed(parks_, p.park)) return false;
    if (!at_least(p.area_m2, f.area_min) || !at_most(p.area_m2, f.area_max)) return false;
    if (!at_most(p.rent_yuan_m2_month, f.rent_max) || !at_least(p.power_kva, f.power_min)) return false;
    if (f.available_by && p.available_from && *p.available_from > *f.available_by) return false;
    if (f.text && !(text_contains(p.name, *f.text) || contains_like(p.code, *f.text) || text_contains(p.address, *f.text) ||
                    text_contains(p.park, *f.text))) {
        return false;
    }
    return true;
}

std::optional<int> ParcelMatcher::match(std::size_t parcel) const {
    if (!attributes_match(index_.parcel(parcel))) return std::nullopt;
    if (!filter_.industry) return 100;
    if (!industry_column_) return std::nullopt;  // nobody scored for it: the SQL join finds no row
    const std::optional<int> fit = index_.fit(parcel, *industry_column_);
    if (!fit || (filter_.min_fit && *fit < *filter_.min_fit)) return std::nullopt;
    return fit;
}

}  // namespace investmap::index
