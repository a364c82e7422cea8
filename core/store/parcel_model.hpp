#pragma once
// The parcel record as the store reads and writes it. Its columns, kinds and
// statuses are the vocabulary's (vocabulary/vocabulary.hpp): kParcelFields is
// the allow-list of column names, and SQL that names a parcel column takes it
// from there, never from input.
#include "vocabulary/vocabulary.hpp"

#include <array>
#include <string>
#include <variant>

namespace investmap::store {

using vocabulary::beyond_maximum;
using vocabulary::field;
using vocabulary::field_index;
using vocabulary::FieldSpec;
using vocabulary::FieldType;
using vocabulary::kParcelFields;
using vocabulary::kSquareMetresPerMu;

// A value of one attribute: absent, a number, or text (dates as YYYY-MM-DD).
using FieldValue = std::variant<std::monostate, double, std::string>;

struct ParcelRecord {
    std::array<FieldValue, kParcelFields.size()> values;
    std::string wkb;  // geometry in EPSG:4326, 2D ISO WKB

    const std::string& code() const { return std::get<std::string>(values[field("code")]); }
    const FieldValue& operator[](std::size_t index) const { return values[index]; }
    FieldValue& operator[](std::size_t index) { return values[index]; }
};

}  // namespace investmap::store
