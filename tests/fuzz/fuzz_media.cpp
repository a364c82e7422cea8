// The upload probe and metadata stripper. Any bytes: MediaError or a
// result; a stripped photo probes again as the same kind and size, and
// stripping it again changes nothing.
#include "media/media_probe.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace investmap::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const MediaInfo info = probe_media(bytes);
        const std::string stripped = strip_metadata(info, bytes);
        if (stripped.size() > bytes.size() + 8) std::abort();
        const MediaInfo again = probe_media(stripped);
        if (again.extension != info.extension || again.width != info.width || again.height != info.height) std::abort();
        if (strip_metadata(again, stripped) != stripped) std::abort();
    } catch (const MediaError&) {
    }
    return 0;
}
