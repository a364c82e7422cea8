// Mapping files (--mapping M.toml): any text is a mapping or an InputError
// naming what is wrong; nothing else escapes.
#include "errors.hpp"
#include "importers/field_mapping.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)investmap::importers::parse_mapping(text, "fuzz.toml");
    } catch (const investmap::InputError&) {
    }
    return 0;
}
