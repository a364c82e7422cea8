// Mapping files (--mapping M.toml): any text is a mapping or an InputError
// naming what is wrong; nothing else escapes. A crs it names is read as the
// importer reads it (a Chinese web datum's name, or a CRS for GDAL).
#include "errors.hpp"
#include "geo/web_datums.hpp"
#include "importers/field_mapping.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto mapping = investmap::importers::parse_mapping(text, "fuzz.toml");
        if (mapping.crs) (void)investmap::geo::web_datum_named(*mapping.crs);
    } catch (const investmap::InputError&) {
    }
    return 0;
}
