#pragma once
// filter::Filter evaluated on an indexed parcel, with the meaning
// filter::to_sql gives it in SQL: NULL never compares, text search is
// SQLite's LIKE '%…%' (ASCII letters in any case), an industry filter keeps
// only parcels scored for it. tests/e2e/serve/memory_index.test.mjs checks
// the two against each other.
#include "filter/filter.hpp"
#include "index/parcel_index.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace investmap::index {

class ParcelMatcher {
public:
    ParcelMatcher(const ParcelIndex& index, const filter::Filter& filter, std::span<const std::string_view> visible_statuses);

    // The parcel's fit for the filter's industry (100 without one) when the
    // parcel matches; nullopt when it does not.
    std::optional<int> match(std::size_t parcel) const;
    bool names_industry() const { return filter_.industry.has_value(); }

private:
    bool attributes_match(const IndexedParcel& parcel) const;

    const ParcelIndex& index_;
    filter::Filter filter_;
    // Visible ∩ asked statuses, and the kinds, land uses and parks asked
    // for, as the index's shared copies: a parcel's view of one of those
    // texts points at its copy, so one comparison of addresses decides
    // (a text no parcel has is left out: nothing can match it).
    std::vector<const char*> statuses_, kinds_, land_uses_, parks_;
    std::optional<std::size_t> industry_column_;
};

// Whether `text` holds `needle`, ASCII letters compared without case (LIKE).
bool contains_like(std::string_view text, std::string_view needle);

}  // namespace investmap::index
