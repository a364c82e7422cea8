// The upload probe and metadata stripper: a table of hostile files. Each
// must come out without location bytes or be refused; none may crash.
#include "media/media_probe.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace investmap::media;

namespace {

const std::string kGps = "GPSLatitude 26.03 GPSLongitude 119.28";

std::string segment(unsigned char marker, const std::string& payload) {
    const std::size_t length = payload.size() + 2;
    return std::string{'\xff', static_cast<char>(marker), static_cast<char>(length >> 8), static_cast<char>(length & 0xff)} + payload;
}

const std::string kSoi = "\xff\xd8";
const std::string kEoi = "\xff\xd9";
const std::string kExif = segment(0xe1, std::string("Exif\0\0", 6) + kGps);
const std::string kXmp = segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta GPSLatitude='26.03'/>");
// 32 × 16, one component, then a scan with a stuffed FF 00 and a restart marker.
const std::string kFrame = segment(0xc0, std::string("\x08\x00\x10\x00\x20\x01\x01\x11\x00", 9));
const std::string kScan = segment(0xda, std::string("\x01\x01\x00\x00\x3f\x00", 6)) + std::string("\x12\xff\x00\x34\xff\xd0\x56", 7);

std::string jpeg(const std::string& before_frame, const std::string& after_end = "") {
    return kSoi + before_frame + kFrame + kScan + kEoi + after_end;
}

bool has_location(const std::string& bytes) {
    return bytes.find("GPS") != std::string::npos || bytes.find("Exif") != std::string::npos ||
           bytes.find("xmpmeta") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(jpeg_location_is_removed_however_the_file_is_laid_out) {
    const struct {
        const char* name;
        std::string bytes;
    } cases[] = {
        {"plain APP1", jpeg(kExif)},
        {"XMP APP1", jpeg(kXmp)},
        {"fill byte before APP1", jpeg("\xff" + kExif)},
        {"many fill bytes before APP1", jpeg("\xff\xff\xff" + kExif)},
        {"TEM marker before APP1", jpeg("\xff\x01" + kExif)},
        {"APP1 after the frame header", kSoi + kFrame + kExif + kScan + kEoi},
        {"APP13 Photoshop", jpeg(segment(0xed, "Photoshop 3.0\0" + kGps))},
        {"comment", jpeg(segment(0xfe, kGps))},
        {"MPF index", jpeg(segment(0xe2, std::string("MPF\0", 4) + kGps))},
        {"second JPEG appended (MPO / Ultra HDR)", jpeg("", jpeg(kExif))},
        {"EXIF between two scans", kSoi + kFrame + kScan + kExif + kScan + kEoi},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            const MediaInfo info = probe_media(c.bytes);
            BOOST_TEST(info.width == 32u);
            BOOST_TEST(info.height == 16u);
            const std::string stripped = strip_metadata(info, c.bytes);
            BOOST_TEST(!has_location(stripped));
            BOOST_TEST(stripped.ends_with(kEoi));
            BOOST_TEST(stripped.find(kScan) != std::string::npos, "the picture's data is kept");
        }
    }
}

BOOST_AUTO_TEST_CASE(jpeg_keeps_what_the_picture_needs) {
    const std::string jfif = segment(0xe0, std::string("JFIF\0\x01\x02\0\0\x01\0\x01\0\0", 14));
    const std::string icc = segment(0xe2, std::string("ICC_PROFILE\0\x01\x01profile", 21));
    const std::string adobe = segment(0xee, "Adobe\0\x64\0\0\0\0\x01");
    const std::string bytes = jpeg(jfif + icc + adobe + kExif);
    const std::string stripped = strip_metadata(probe_media(bytes), bytes);
    BOOST_TEST(stripped == jpeg(jfif + icc + adobe));
}

BOOST_AUTO_TEST_CASE(cut_or_malformed_files_are_refused) {
    const std::string whole = jpeg(kExif);
    const struct {
        const char* name;
        std::string bytes;
    } cases[] = {
        {"JPEG cut in the scan", whole.substr(0, whole.size() - 4)},
        {"JPEG cut without EOI", whole.substr(0, whole.size() - 2)},
        {"JPEG segment longer than the file", kSoi + kFrame + "\xff\xe1\xff\xff" + "short"},
        {"JPEG segment length below 2", kSoi + kFrame + std::string("\xff\xe1\x00\x01", 4) + kScan + kEoi},
        {"JPEG bytes where a marker belongs", kSoi + kFrame + "garbage" + kEoi},
        {"JPEG second SOI", kSoi + kFrame + kSoi + kScan + kEoi},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            BOOST_CHECK_THROW(strip_metadata(probe_media(c.bytes), c.bytes), MediaError);
        }
    }
}

namespace {

std::string be32(std::uint32_t value) {
    return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8), static_cast<char>(value)};
}
std::string png_chunk(const std::string& type, const std::string& data) { return be32(static_cast<std::uint32_t>(data.size())) + type + data + "CRC!"; }
const std::string kPngHeader = "\x89PNG\r\n\x1a\n" + png_chunk("IHDR", be32(4) + be32(3) + std::string("\x08\0\0\0\0", 5));
const std::string kPngEnd = png_chunk("IEND", "");

}  // namespace

BOOST_AUTO_TEST_CASE(png_text_and_trailing_bytes_are_removed_and_cut_files_refused) {
    const std::string idat = png_chunk("IDAT", "pixels");
    const std::string with_text = kPngHeader + png_chunk("tEXt", "GPS\0here") + png_chunk("eXIf", "Exif GPS") + idat + kPngEnd +
                                  "<html><script>alert(1)</script>";
    const std::string stripped = strip_metadata(probe_media(with_text), with_text);
    BOOST_TEST(stripped == kPngHeader + idat + kPngEnd);

    const std::string whole = kPngHeader + idat + kPngEnd;
    for (std::size_t cut : {whole.size() - 1, whole.size() - 12, kPngHeader.size() + 5}) {
        const std::string half = whole.substr(0, cut);
        BOOST_CHECK_THROW(strip_metadata(probe_media(half), half), MediaError);
    }
    const std::string huge_chunk = kPngHeader + be32(0xfffffff0u) + "IDAT" + "x";
    BOOST_CHECK_THROW(strip_metadata(probe_media(huge_chunk), huge_chunk), MediaError);
}

BOOST_AUTO_TEST_CASE(webp_metadata_and_trailing_bytes_are_removed) {
    const auto le32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
    };
    const auto chunk = [&](const std::string& type, const std::string& data) {
        return type + le32(static_cast<std::uint32_t>(data.size())) + data + (data.size() % 2 ? std::string(1, '\0') : "");
    };
    const std::string vp8l = chunk("VP8L", std::string("\x2f\x03\x40\x00\x00\x00", 6));  // 4 × 2
    const std::string body = "WEBP" + vp8l + chunk("EXIF", "Exif GPS") + chunk("XMP ", "<xmpmeta/>");
    const std::string file = "RIFF" + le32(static_cast<std::uint32_t>(body.size())) + body + "trailing GPS";
    const MediaInfo info = probe_media(file);
    const std::string stripped = strip_metadata(info, file);
    BOOST_TEST(!has_location(stripped));
    BOOST_TEST(stripped == "RIFF" + le32(static_cast<std::uint32_t>(4 + vp8l.size())) + "WEBP" + vp8l);
    const std::string cut = file.substr(0, 30);
    BOOST_CHECK_THROW(strip_metadata(probe_media(cut), cut), MediaError);
    // Found by fuzz_media: a VP8X chunk shorter than its ten bytes made the
    // size come from the next chunk, which stripping then changed.
    const std::string short_vp8x = "WEBP" + chunk("VP8X", "") + chunk("VP8X", std::string(10, '\x0c'));
    const std::string bad = "RIFF" + le32(static_cast<std::uint32_t>(short_vp8x.size())) + short_vp8x;
    BOOST_CHECK_THROW(probe_media(bad), MediaError);
}
