#include "media/media_probe.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace investmap::media {
namespace {

[[noreturn]] void refuse(const std::string& zh, const std::string& en) { throw MediaError(zh + " / " + en); }

unsigned byte_at(std::string_view b, std::size_t i) {
    if (i >= b.size()) refuse("文件不完整", "the file is truncated");
    return static_cast<unsigned char>(b[i]);
}
unsigned be16(std::string_view b, std::size_t i) { return byte_at(b, i) << 8 | byte_at(b, i + 1); }
std::uint32_t be32(std::string_view b, std::size_t i) { return be16(b, i) << 16 | be16(b, i + 2); }
unsigned le16(std::string_view b, std::size_t i) { return byte_at(b, i) | byte_at(b, i + 1) << 8; }
std::uint32_t le24(std::string_view b, std::size_t i) { return le16(b, i) | byte_at(b, i + 2) << 16; }
std::uint32_t le32(std::string_view b, std::size_t i) { return le24(b, i) | byte_at(b, i + 3) << 24; }

void put_le32(std::string& b, std::size_t i, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) b[i + k] = static_cast<char>(value >> (8 * k) & 0xff);
}

bool starts(std::string_view bytes, std::string_view magic, std::size_t at = 0) {
    return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

// JPEG: the frame header (SOF0–SOF15 but DHT, JPG, DAC) holds the size.
void jpeg_size(std::string_view b, MediaInfo& info) {
    std::size_t at = 2;
    while (true) {
        if (byte_at(b, at) != 0xff) refuse("JPEG 结构有误", "malformed JPEG");
        const unsigned marker = byte_at(b, at + 1);
        if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01 || marker == 0xff) {
            at += marker == 0xff ? 1 : 2;
            continue;
        }
        if (marker == 0xda || marker == 0xd9) refuse("JPEG 缺少尺寸信息", "JPEG without a frame header");
        const unsigned length = be16(b, at + 2);
        if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
            info.height = be16(b, at + 5);
            info.width = be16(b, at + 7);
            return;
        }
        at += 2 + length;
    }
}

void png_size(std::string_view b, MediaInfo& info) {
    if (!starts(b, "IHDR", 12)) refuse("PNG 缺少 IHDR", "PNG without IHDR");
    info.width = be32(b, 16);
    info.height = be32(b, 20);
}

void webp_size(std::string_view b, MediaInfo& info) {
    const std::string_view chunk = b.size() >= 16 ? b.substr(12, 4) : "";
    if (chunk == "VP8X") {
        if (le32(b, 16) != 10) refuse("WebP 结构有误", "malformed WebP");  // the VP8X header is ten bytes
        info.width = le24(b, 24) + 1;
        info.height = le24(b, 27) + 1;
    } else if (chunk == "VP8 ") {
        if (byte_at(b, 23) != 0x9d || byte_at(b, 24) != 0x01 || byte_at(b, 25) != 0x2a) refuse("WebP 结构有误", "malformed WebP");
        info.width = le16(b, 26) & 0x3fff;
        info.height = le16(b, 28) & 0x3fff;
    } else if (chunk == "VP8L") {
        const std::uint32_t bits = le32(b, 21);
        info.width = (bits & 0x3fff) + 1;
        info.height = (bits >> 14 & 0x3fff) + 1;
    } else {
        refuse("WebP 结构有误", "malformed WebP");
    }
}

void check_limits(const MediaInfo& info, std::uint64_t bytes) {
    if (info.kind == "video") {
        if (bytes > kMaxVideoBytes) refuse("视频超过 100 MB", "video larger than 100 MB");
        return;
    }
    if (bytes > kMaxImageBytes) refuse("照片超过 10 MB", "photo larger than 10 MB");
    if (info.width == 0 || info.height == 0) refuse("图片尺寸为零", "image has no size");
    if (info.width > kMaxSide || info.height > kMaxSide ||
        static_cast<unsigned long long>(info.width) * info.height > kMaxPixels) {
        refuse("图片尺寸 " + std::to_string(info.width) + "×" + std::to_string(info.height) + " 过大（每边不超过 12000，总像素不超过 4000 万）",
               "image of " + std::to_string(info.width) + "×" + std::to_string(info.height) +
                   " is too large (at most 12000 a side and 40 megapixels)");
    }
}

// Markers that stand alone, without a length (ITU T.81 B.1.1.3): SOI, EOI,
// RSTn and TEM.
bool standalone_marker(unsigned marker) {
    return marker == 0xd8 || marker == 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01;
}

// Segments a photo needs to be shown as taken: JFIF (APP0), the colour
// profile (APP2 "ICC_PROFILE"), Adobe's colour transform (APP14) and every
// non-APP, non-comment segment. Everything else may carry location or
// identity: EXIF and XMP (APP1), the multi-picture index (APP2 "MPF"),
// Photoshop/IPTC (APP13), makers' own (APP3–APP15), comments (COM).
bool keep_jpeg_segment(unsigned marker, std::string_view payload) {
    if (marker == 0xfe) return false;
    if (marker < 0xe0 || marker > 0xef) return true;
    if (marker == 0xe0 || marker == 0xee) return true;
    return marker == 0xe2 && payload.starts_with(std::string_view("ICC_PROFILE\0", 12));
}

// The end of the entropy-coded data that starts at `at`: the next marker
// that is not a stuffed zero (FF 00), a restart (FF D0–D7) or a fill byte.
std::size_t scan_end(std::string_view b, std::size_t at) {
    while (true) {
        const std::size_t ff = b.find('\xff', at);
        if (ff == std::string_view::npos || ff + 1 >= b.size()) refuse("JPEG 文件不完整", "the JPEG is truncated");
        const unsigned next = static_cast<unsigned char>(b[ff + 1]);
        if (next == 0x00 || (next >= 0xd0 && next <= 0xd7) || next == 0xff) {
            at = ff + 1;
            continue;
        }
        return ff;
    }
}

// Walks the file as ITU T.81 lays it out (fill bytes before markers,
// markers without a length, entropy-coded scans) and keeps only what the
// picture needs, up to the first EOI: what phones append after it (a second
// picture, MPO / Ultra HDR, with its own EXIF) is dropped. A file that ends
// before its EOI is refused.
std::string strip_jpeg(std::string_view b) {
    std::string out(b.substr(0, 2));  // SOI
    std::size_t at = 2;
    while (true) {
        if (byte_at(b, at) != 0xff) refuse("JPEG 结构有误", "malformed JPEG");
        while (byte_at(b, at + 1) == 0xff) ++at;  // fill bytes
        const unsigned marker = byte_at(b, at + 1);
        if (marker == 0xd9) {
            out.append("\xff\xd9");
            return out;
        }
        if (marker == 0x00 || marker == 0xd8) refuse("JPEG 结构有误", "malformed JPEG");
        if (standalone_marker(marker)) {
            out.append(b.substr(at, 2));
            at += 2;
            continue;
        }
        const std::size_t length = be16(b, at + 2);
        if (length < 2 || at + 2 + length > b.size()) refuse("JPEG 文件不完整", "the JPEG is truncated");
        const std::string_view segment = b.substr(at, 2 + length);
        if (keep_jpeg_segment(marker, segment.substr(4))) out.append(segment);
        at += 2 + length;
        if (marker == 0xda) {  // start of scan: copy the entropy-coded data
            const std::size_t end = scan_end(b, at);
            out.append(b.substr(at, end - at));
            at = end;
        }
    }
}

// Chunks up to IEND, without the text and EXIF chunks; a file whose chunks
// run past its end, or that has no IEND, is refused.
std::string strip_png(std::string_view b) {
    constexpr std::array<std::string_view, 4> kDropped = {"eXIf", "tEXt", "iTXt", "zTXt"};
    std::string out(b.substr(0, 8));
    std::size_t at = 8;
    while (true) {
        if (at + 12 > b.size()) refuse("PNG 文件不完整", "the PNG is truncated");
        const std::uint64_t length = 12ull + be32(b, at);
        if (length > b.size() - at) refuse("PNG 文件不完整", "the PNG is truncated");
        const std::string_view type = b.substr(at + 4, 4);
        if (std::find(kDropped.begin(), kDropped.end(), type) == kDropped.end()) out.append(b.substr(at, length));
        at += length;
        if (type == "IEND") return out;
    }
}

// Chunks inside the RIFF container without EXIF and XMP; bytes after the
// container are dropped, a container longer than the file is refused.
std::string strip_webp(std::string_view b) {
    const std::uint64_t riff_end = 8ull + le32(b, 4);
    if (riff_end > b.size()) refuse("WebP 文件不完整", "the WebP is truncated");
    b = b.substr(0, riff_end);
    std::string out(b.substr(0, 12));
    std::size_t at = 12;
    while (at + 8 <= b.size()) {
        const std::string_view type = b.substr(at, 4);
        const std::uint64_t length = 8ull + le32(b, at + 4) + (le32(b, at + 4) & 1);
        if (length > b.size() - at) refuse("WebP 文件不完整", "the WebP is truncated");
        if (type != "EXIF" && type != "XMP ") {
            std::string chunk(b.substr(at, length));
            if (type == "VP8X" && at == 12) chunk[8] = static_cast<char>(chunk[8] & ~0x0c);  // no EXIF/XMP flags
            out += chunk;
        }
        at += length;
    }
    put_le32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
    return out;
}

}  // namespace

MediaInfo probe_media(std::string_view bytes) { return probe_media(bytes, bytes.size()); }

MediaInfo probe_media(std::string_view bytes, std::uint64_t total_size) {
    MediaInfo info;
    if (starts(bytes, "\xff\xd8\xff")) {
        info = {"photo", "jpg", "image/jpeg"};
        jpeg_size(bytes, info);
    } else if (starts(bytes, "\x89PNG\r\n\x1a\n")) {
        info = {"photo", "png", "image/png"};
        png_size(bytes, info);
    } else if (starts(bytes, "RIFF") && starts(bytes, "WEBP", 8)) {
        info = {"photo", "webp", "image/webp"};
        webp_size(bytes, info);
    } else if (starts(bytes, "ftyp", 4)) {
        info = {"video", "mp4", "video/mp4"};
    } else {
        refuse("只接受 JPEG、PNG、WebP 照片或 MP4 视频（按文件内容判断）",
               "only JPEG, PNG or WebP photos and MP4 videos are accepted (judged by the content)");
    }
    check_limits(info, total_size);
    return info;
}

std::string strip_metadata(const MediaInfo& info, std::string_view bytes) {
    if (info.extension == "jpg") return strip_jpeg(bytes);
    if (info.extension == "png") return strip_png(bytes);
    if (info.extension == "webp") return strip_webp(bytes);
    return std::string(bytes);
}

}  // namespace investmap::media
