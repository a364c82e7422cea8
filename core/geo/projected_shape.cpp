#include "geo/projected_shape.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <cmath>
#include <bit>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace investmap::geo {
namespace {

double distance_to_segment(const Mercator& p, const Mercator& a, const Mercator& b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double length2 = dx * dx + dy * dy;
    const double t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// A cursor over WKB bytes in the byte order each geometry declares.
class WkbReader {
public:
    explicit WkbReader(std::string_view bytes) : bytes_(bytes) {}

    void read_geometry(ProjectedShape& shape) {
        little_endian_ = byte() == 1;
        const std::uint32_t type = uint32();
        switch (type) {
            case 1: add_run(shape, ShapeType::point, 1, false); break;
            case 2: add_run(shape, ShapeType::line, uint32(), false); break;
            case 3: read_polygon(shape); break;
            case 4: case 5: case 6: {
                const std::uint32_t count = uint32();
                for (std::uint32_t i = 0; i < count; ++i) read_geometry(shape);
                break;
            }
            default: throw std::invalid_argument("unsupported WKB geometry type " + std::to_string(type));
        }
    }
    bool done() const { return offset_ == bytes_.size(); }

private:
    void read_polygon(ProjectedShape& shape) {
        const std::uint32_t rings = uint32();
        for (std::uint32_t i = 0; i < rings; ++i) add_run(shape, ShapeType::polygon, uint32(), i == 0);
    }
    void add_run(ProjectedShape& shape, ShapeType type, std::uint32_t count, bool exterior) {
        if (count > (bytes_.size() - offset_) / 16) throw std::invalid_argument("truncated WKB");
        shape.type = type;
        shape.points.reserve(shape.points.size() + count);
        for (std::uint32_t i = 0; i < count; ++i) {
            const double lon = float64();
            const double lat = float64();
            shape.points.push_back(to_mercator(lon, lat));
        }
        shape.parts.push_back({static_cast<std::uint32_t>(shape.points.size()), exterior});
    }
    std::uint8_t byte() {
        need(1);
        return static_cast<std::uint8_t>(bytes_[offset_++]);
    }
    template <typename T>
    T number() {
        need(sizeof(T));
        std::array<char, sizeof(T)> raw;
        std::memcpy(raw.data(), bytes_.data() + offset_, sizeof(T));
        offset_ += sizeof(T);
        if (little_endian_ != (std::endian::native == std::endian::little)) std::reverse(raw.begin(), raw.end());
        T value;
        std::memcpy(&value, raw.data(), sizeof(T));
        return value;
    }
    std::uint32_t uint32() { return number<std::uint32_t>(); }
    double float64() { return number<double>(); }
    void need(std::size_t n) const {
        if (bytes_.size() - offset_ < n) throw std::invalid_argument("truncated WKB");
    }

    std::string_view bytes_;
    std::size_t offset_ = 0;
    bool little_endian_ = true;
};

}  // namespace

ProjectedShape project_wkb(std::string_view wkb) {
    ProjectedShape shape;
    WkbReader reader(wkb);
    reader.read_geometry(shape);
    if (!reader.done()) throw std::invalid_argument("trailing bytes after WKB geometry");
    shape.bounds = bounds_of(shape.points);
    return shape;
}

double closed_ring_clearance(std::span<const Mercator> ring) {
    if (ring.size() < 4) return 0;
    const std::size_t n = ring.size() - 1;
    double clearance = std::numeric_limits<double>::infinity();
    for (std::size_t vertex = 0; vertex < n; ++vertex) {
        for (std::size_t edge = 0; edge < n; ++edge) {
            if (edge == vertex || (edge + 1) % n == vertex) continue;  // the vertex's own edges
            clearance = std::min(clearance, distance_to_segment(ring[vertex], ring[edge], ring[edge + 1]));
        }
    }
    return std::isfinite(clearance) ? clearance : 0;
}

double ring_clearance(const ProjectedShape& shape, std::size_t max_vertices) {
    if (shape.type != ShapeType::polygon || shape.parts.size() != 1) return 0;
    if (shape.points.size() > max_vertices + 1) return 0;  // the check is O(n²)
    return closed_ring_clearance(shape.points);
}

MercatorBox bounds_of(const std::vector<Mercator>& points) {
    if (points.empty()) return {};
    MercatorBox b{points[0].x, points[0].y, points[0].x, points[0].y};
    for (const Mercator& p : points) {
        b.min_x = std::min(b.min_x, p.x);
        b.min_y = std::min(b.min_y, p.y);
        b.max_x = std::max(b.max_x, p.x);
        b.max_y = std::max(b.max_y, p.y);
    }
    return b;
}

}  // namespace investmap::geo
