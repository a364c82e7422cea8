#pragma once
// Mapbox Vector Tile 2.1 encoding with protozero: one LayerEncoder a layer,
// features added one by one, keys and values shared within the layer.
#include "mvt/tile_geometry.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace investmap::mvt {

using PropertyValue = std::variant<std::string, double, std::int64_t, bool>;

struct Property {
    std::string_view key;
    PropertyValue value;
};

// The geometry as MVT commands (§4.3): MoveTo, LineTo, ClosePath with
// zigzag-encoded deltas from a cursor that carries over between parts.
std::vector<std::uint32_t> encode_geometry(const TileGeometry& geometry);

class LayerEncoder {
public:
    explicit LayerEncoder(std::string name, std::uint32_t extent = 4096);

    void add(std::optional<std::uint64_t> id, const TileGeometry& geometry, std::span<const Property> properties);
    std::size_t feature_count() const { return feature_count_; }
    // Appends the layer to a tile (nothing when it has no features: an
    // empty layer is allowed by the spec but only costs bytes).
    void append_to(std::string& tile) const;

private:
    std::uint32_t key_index(std::string_view key);
    std::uint32_t value_index(const PropertyValue& value);

    std::string name_;
    std::uint32_t extent_;
    std::string features_;  // encoded Feature messages, each as Layer field 2
    std::size_t feature_count_ = 0;
    std::vector<std::string> keys_;
    std::unordered_map<std::string, std::uint32_t> key_ids_;
    std::vector<PropertyValue> values_;
    std::map<PropertyValue, std::uint32_t> value_ids_;
};

}  // namespace investmap::mvt
