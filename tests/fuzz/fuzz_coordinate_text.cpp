// The importer's reading of coordinates officers type: one coordinate
// (decimal, DMS, hemisphere words) and both in one cell. Bad text is a
// ValueError; a coordinate read is finite, and a pair's order is decided.
#include "importers/coordinate_text.hpp"
#include "importers/value_parsing.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace investmap::importers;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        if (const auto degrees = parse_degrees(text); degrees && !std::isfinite(degrees->value)) std::abort();
    } catch (const ValueError&) {
    }
    try {
        if (const auto cell = parse_coordinate_cell(text)) {
            if (!std::isfinite(cell->point.lon) || !std::isfinite(cell->point.lat)) std::abort();
        }
    } catch (const ValueError&) {
    }
    return 0;
}
