#include "render/png_writer.hpp"

#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace investmap::render {
namespace {

// Fast but still compressing: level 3 with the Paeth-free "up" filter keeps
// flat map colours small.
constexpr int kDeflateLevel = 3;

void append(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}

void flush(png_structp) {}

[[noreturn]] void fail(png_structp, png_const_charp message) { throw std::runtime_error(std::string("PNG: ") + message); }

bool all_opaque(const unsigned char* data, int width, int height, int stride) {
    for (int y = 0; y < height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < width; ++x) {
            if ((row[x] >> 24) != 0xff) return false;
        }
    }
    return true;
}

// One cairo ARGB32 pixel (native-endian, premultiplied) into RGB or RGBA bytes.
void convert_row(const std::uint32_t* in, int width, bool alpha, std::vector<png_byte>& out) {
    out.clear();
    for (int x = 0; x < width; ++x) {
        const std::uint32_t pixel = in[x];
        const unsigned a = pixel >> 24;
        unsigned r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
        if (a != 0 && a != 0xff) {
            r = (r * 255 + a / 2) / a;
            g = (g * 255 + a / 2) / a;
            b = (b * 255 + a / 2) / a;
        }
        out.push_back(static_cast<png_byte>(r));
        out.push_back(static_cast<png_byte>(g));
        out.push_back(static_cast<png_byte>(b));
        if (alpha) out.push_back(static_cast<png_byte>(a));
    }
}

}  // namespace

std::string encode_png(cairo_surface_t* image) {
    cairo_surface_flush(image);
    const int width = cairo_image_surface_get_width(image), height = cairo_image_surface_get_height(image);
    const int stride = cairo_image_surface_get_stride(image);
    const unsigned char* data = cairo_image_surface_get_data(image);
    if (!data || cairo_image_surface_get_format(image) != CAIRO_FORMAT_ARGB32) throw std::runtime_error("PNG: not an ARGB32 image");
    const bool alpha = !all_opaque(data, width, height, stride);

    std::string bytes;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, fail, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        throw std::runtime_error("PNG: out of memory");
    }
    try {
        png_set_write_fn(png, &bytes, append, flush);
        png_set_compression_level(png, kDeflateLevel);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
        png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                     alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
                     PNG_FILTER_TYPE_BASE);
        png_write_info(png, info);
        std::vector<png_byte> row;
        for (int y = 0; y < height; ++y) {
            convert_row(reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride), width, alpha, row);
            png_write_row(png, row.data());
        }
        png_write_end(png, info);
    } catch (...) {
        png_destroy_write_struct(&png, &info);
        throw;
    }
    png_destroy_write_struct(&png, &info);
    return bytes;
}

}  // namespace investmap::render
