// A staff edit's body: JSON (any bytes) into a checked merge patch. Bad JSON
// is refused before this (400); a bad field is an EditError naming it;
// nothing else may escape.
#include "edit/parcel_edit.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>

using namespace investmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const nlohmann::json patch = nlohmann::json::parse(data, data + size, nullptr, false);
    if (patch.is_discarded()) return 0;
    try {
        const edit::CheckedPatch checked = edit::check_patch(patch);
        for (const auto& [index, value] : checked.values) {
            if (index >= store::kParcelFields.size()) std::abort();
            if (const double* number = std::get_if<double>(&value); number && !(*number >= 0)) std::abort();
        }
    } catch (const edit::EditError&) {
    }
    return 0;
}
