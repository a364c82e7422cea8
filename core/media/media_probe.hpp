#pragma once
// Uploaded photos and videos, judged by their bytes (never by name or
// Content-Type): JPEG, PNG, WebP and MP4. Dimensions come from the header,
// so an image that would decode to gigabytes is refused before anything
// decodes it; location metadata (EXIF, XMP, text chunks) is cut out.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace investmap::media {

inline constexpr std::size_t kMaxImageBytes = 10u << 20;
inline constexpr std::size_t kMaxVideoBytes = 100u << 20;
inline constexpr unsigned kMaxSide = 12000;
inline constexpr unsigned long long kMaxPixels = 40'000'000ULL;

class MediaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct MediaInfo {
    std::string kind;       // photo | video
    std::string extension;  // jpg | png | webp | mp4
    std::string mime;
    unsigned width = 0;     // 0 for video
    unsigned height = 0;
};

// What the bytes are; throws MediaError (zh / en) for anything else, a
// truncated header, or a size beyond the limits above.
MediaInfo probe_media(std::string_view bytes);
// The same from the first bytes of a file of `total_size` bytes (a large
// upload on disk): the limits are checked against the whole size.
MediaInfo probe_media(std::string_view first_bytes, std::uint64_t total_size);

// The bytes without location or other embedded metadata (JPEG APP1, APP3–
// APP13, APP15, COM and MPF; PNG eXIf/tEXt/iTXt/zTXt; WebP EXIF/XMP) and
// without anything after the picture's end (JPEG EOI, PNG IEND, the RIFF
// container); the picture itself is untouched. Throws MediaError for a file
// cut short or whose structure does not hold. MP4 is returned as it is.
std::string strip_metadata(const MediaInfo& info, std::string_view bytes);

}  // namespace investmap::media
