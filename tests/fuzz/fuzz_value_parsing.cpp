// The importer's readings of cell values: numbers with units and separators,
// dates, status, kind and land-use labels. Bad text is a ValueError (or no
// value); a number read is finite, a date read is YYYY-MM-DD.
#include "importers/value_parsing.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace investmap::importers;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)trim(text);
    (void)to_half_width(text);
    try {
        if (const auto number = parse_number(text); number && !std::isfinite(*number)) std::abort();
    } catch (const ValueError&) {
    }
    try {
        if (const auto date = parse_date(text); date && date->size() != 10) std::abort();
    } catch (const ValueError&) {
    }
    for (auto* parse : {&parse_status, &parse_kind, &parse_land_use}) {
        try {
            (void)parse(text, {});
        } catch (const ValueError&) {
        }
    }
    return 0;
}
