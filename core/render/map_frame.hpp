#pragma once
// Where the static map looks: Web Mercator, in CSS pixels, with the
// MapLibre convention of 512-pixel tiles so zoom means what it means in
// the viewer. Built from a bbox (fitted with a margin) or a centre and zoom.
#include "geo/tile.hpp"

#include <cmath>
#include <optional>

namespace investmap::render {


class MapFrame {
public:
    // `box` fitted into width × height CSS pixels, `margin` of the frame on each side.
    static MapFrame fitting(const geo::LonLatBox& box, int width, int height, double margin = 0.08);
    static MapFrame centred(geo::LonLat centre, double zoom, int width, int height);

    // CSS pixels from the top-left corner.
    double x(double lon) const { return (geo::world_x(lon) - left_) * pixels_per_unit_; }
    double y(double lat) const { return (geo::world_y(lat) - top_) * pixels_per_unit_; }
    // The same from Web Mercator metres (EPSG:3857), for shapes projected once.
    double x_from_metres(double mx) const {
        return ((mx + geo::kMercatorHalfWidth) / (2 * geo::kMercatorHalfWidth) - left_) * pixels_per_unit_;
    }
    double y_from_metres(double my) const {
        return ((geo::kMercatorHalfWidth - my) / (2 * geo::kMercatorHalfWidth) - top_) * pixels_per_unit_;
    }
    double zoom() const { return std::log2(pixels_per_unit_ / 512.0); }
    geo::LonLat centre() const;
    geo::LonLatBox bounds() const;  // what the frame shows, in lon/lat
    // Metres on the ground per CSS pixel at the frame's centre.
    double metres_per_pixel() const;
    int width() const { return width_; }
    int height() const { return height_; }

private:
    double left_ = 0, top_ = 0;        // world units (0–1) at the top-left pixel
    double pixels_per_unit_ = 512;     // 512 × 2^zoom
    int width_ = 0, height_ = 0;
};

}  // namespace investmap::render
