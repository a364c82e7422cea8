// What the import and placement endpoints take from a request: a CRS text
// (never a path or URL once accepted) and a drawn parcel geometry, through
// nlohmann's JSON parser, GDAL's GeoJSON reader and GEOS's repair. Bad input
// is a ValueError; a geometry taken has WKB.
#include "importers/value_parsing.hpp"
#include "importers/web_input.hpp"

#include <cpl_error.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace investmap::importers;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool quiet = [] {
        CPLSetErrorHandler(CPLQuietErrorHandler);
        return true;
    }();
    (void)quiet;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (is_safe_crs_text(text)) {
        const std::string lower(text);
        if (lower.find("://") != std::string::npos || lower.find('/') != std::string::npos) std::abort();
    }
    try {
        if (placed_parcel_geometry(text).wkb.empty()) std::abort();
    } catch (const ValueError&) {
    }
    return 0;
}
