#include "render/map_frame.hpp"

#include <algorithm>
#include <numbers>

namespace investmap::render {

using geo::world_x;
using geo::world_y;

MapFrame MapFrame::fitting(const geo::LonLatBox& box, int width, int height, double margin) {
    const double span_x = std::max(world_x(box.east) - world_x(box.west), 1e-9);
    const double span_y = std::max(world_y(box.south) - world_y(box.north), 1e-9);
    const double usable = 1 - 2 * margin;
    MapFrame frame;
    frame.width_ = width;
    frame.height_ = height;
    frame.pixels_per_unit_ = std::min(width * usable / span_x, height * usable / span_y);
    frame.pixels_per_unit_ = std::min(frame.pixels_per_unit_, 512.0 * std::pow(2.0, 20));  // a single point: zoom 20
    const double centre_x = (world_x(box.west) + world_x(box.east)) / 2;
    const double centre_y = (world_y(box.north) + world_y(box.south)) / 2;
    frame.left_ = centre_x - width / 2.0 / frame.pixels_per_unit_;
    frame.top_ = centre_y - height / 2.0 / frame.pixels_per_unit_;
    return frame;
}

MapFrame MapFrame::centred(geo::LonLat centre, double zoom, int width, int height) {
    MapFrame frame;
    frame.width_ = width;
    frame.height_ = height;
    frame.pixels_per_unit_ = 512.0 * std::pow(2.0, zoom);
    frame.left_ = world_x(centre.lon) - width / 2.0 / frame.pixels_per_unit_;
    frame.top_ = world_y(centre.lat) - height / 2.0 / frame.pixels_per_unit_;
    return frame;
}

geo::LonLat MapFrame::centre() const {
    const double cx = left_ + width_ / 2.0 / pixels_per_unit_;
    const double cy = top_ + height_ / 2.0 / pixels_per_unit_;
    return {geo::longitude_of_world_x(cx), geo::latitude_of_world_y(cy)};
}

geo::LonLatBox MapFrame::bounds() const {
    const double right = left_ + width_ / pixels_per_unit_;
    const double bottom = top_ + height_ / pixels_per_unit_;
    return {geo::longitude_of_world_x(left_), geo::latitude_of_world_y(bottom), geo::longitude_of_world_x(right),
            geo::latitude_of_world_y(top_)};
}

double MapFrame::metres_per_pixel() const {
    return 2 * std::numbers::pi * geo::kEarthRadius * std::cos(centre().lat * std::numbers::pi / 180.0) / pixels_per_unit_;
}

}  // namespace investmap::render
