#include "render/map_frame.hpp"

#include <algorithm>
#include <numbers>

namespace investmap::render {
namespace {

constexpr double kEarthCircumference = 40075016.686;  // metres at the equator, WGS 84

double latitude(double mercator_y) {
    return std::atan(std::sinh(std::numbers::pi * (1 - 2 * mercator_y))) * 180.0 / std::numbers::pi;
}

}  // namespace

double MapFrame::mercator_y(double lat) {
    const double clamped = std::clamp(lat, -85.05112878, 85.05112878);
    const double radians = clamped * std::numbers::pi / 180.0;
    return (1 - std::log(std::tan(radians) + 1 / std::cos(radians)) / std::numbers::pi) / 2;
}

MapFrame MapFrame::fitting(const Box& box, int width, int height, double margin) {
    const double span_x = std::max(mercator_x(box.east) - mercator_x(box.west), 1e-9);
    const double span_y = std::max(mercator_y(box.south) - mercator_y(box.north), 1e-9);
    const double usable = 1 - 2 * margin;
    MapFrame frame;
    frame.width_ = width;
    frame.height_ = height;
    frame.pixels_per_unit_ = std::min(width * usable / span_x, height * usable / span_y);
    frame.pixels_per_unit_ = std::min(frame.pixels_per_unit_, 512.0 * std::pow(2.0, 20));  // a single point: zoom 20
    const double centre_x = (mercator_x(box.west) + mercator_x(box.east)) / 2;
    const double centre_y = (mercator_y(box.north) + mercator_y(box.south)) / 2;
    frame.left_ = centre_x - width / 2.0 / frame.pixels_per_unit_;
    frame.top_ = centre_y - height / 2.0 / frame.pixels_per_unit_;
    return frame;
}

MapFrame MapFrame::centred(LonLat centre, double zoom, int width, int height) {
    MapFrame frame;
    frame.width_ = width;
    frame.height_ = height;
    frame.pixels_per_unit_ = 512.0 * std::pow(2.0, zoom);
    frame.left_ = mercator_x(centre.lon) - width / 2.0 / frame.pixels_per_unit_;
    frame.top_ = mercator_y(centre.lat) - height / 2.0 / frame.pixels_per_unit_;
    return frame;
}

LonLat MapFrame::centre() const {
    const double cx = left_ + width_ / 2.0 / pixels_per_unit_;
    const double cy = top_ + height_ / 2.0 / pixels_per_unit_;
    return {cx * 360.0 - 180.0, latitude(cy)};
}

Box MapFrame::bounds() const {
    const double right = left_ + width_ / pixels_per_unit_;
    const double bottom = top_ + height_ / pixels_per_unit_;
    return {left_ * 360.0 - 180.0, latitude(bottom), right * 360.0 - 180.0, latitude(top_)};
}

double MapFrame::metres_per_pixel() const {
    return kEarthCircumference * std::cos(centre().lat * std::numbers::pi / 180.0) / pixels_per_unit_;
}

}  // namespace investmap::render
