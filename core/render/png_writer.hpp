#pragma once
// PNG from a cairo image surface, written with libpng at a fast deflate
// level: cairo's own writer uses zlib's default, which took a fifth of a
// 1920 × 1080 map's time for a file only slightly smaller.
#include <cairo.h>

#include <string>

namespace investmap::render {

// RGB when every pixel is opaque (a map always is), else RGBA; colours
// un-premultiplied as PNG wants them. Throws std::runtime_error on failure.
std::string encode_png(cairo_surface_t* image);

}  // namespace investmap::render
