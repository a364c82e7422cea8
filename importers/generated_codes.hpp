#pragma once
// Parcel codes for sheets that have none (--generate-codes PREFIX): a sheet
// with only 序号 numbers rows 1…n, which collide between sheets and shift when
// a row is inserted. A code derived from the parcel's name and address stays
// the same when the sheet is re-sorted, extended or updated, so importing it
// again updates the same parcels.
#include <optional>
#include <string>
#include <string_view>

namespace investmap::importers {

// A prefix may be 1–20 characters: letters, digits, - and _, or Chinese.
// Returns why it cannot be one, or nullopt.
std::optional<std::string> generated_code_prefix_problem(std::string_view prefix);

// PREFIX-XXXXXXXX: 8 Crockford base-32 characters (40 bits) of the 64-bit
// FNV-1a hash of the normalised name and address (half-width, lower-case
// ASCII, no spaces), so 仓山 区 and 仓山区, Ａ座 and a座, give one code.
// Throws ValueError when both are empty.
std::string generated_code(std::string_view prefix, std::string_view name, std::string_view address);

}  // namespace investmap::importers
