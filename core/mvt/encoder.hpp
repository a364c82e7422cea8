#pragma once
// Mapbox Vector Tile 2.1 encoding with protozero: one LayerEncoder a layer,
// features added one by one, keys and values shared within the layer.
#include "mvt/tile_geometry.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace investmap::mvt {

// A value as the caller has it; the layer copies what it keeps.
using PropertyValue = std::variant<std::string_view, double, std::int64_t, bool>;

struct Property {
    std::string_view key;
    PropertyValue value;
    // A value no other feature of the layer has (a parcel code, a heat
    // weight): added without looking for it among the layer's values.
    bool distinct = false;
};

// The geometry as MVT commands (§4.3): MoveTo, LineTo, ClosePath with
// zigzag-encoded deltas from a cursor that carries over between parts.
std::vector<std::uint32_t> encode_geometry(const TileGeometry& geometry);
void encode_geometry(const TileGeometry& geometry, std::vector<std::uint32_t>& out);

class LayerEncoder {
public:
    explicit LayerEncoder(std::string name, std::uint32_t extent = 4096);

    void add(std::optional<std::uint64_t> id, const TileGeometry& geometry, std::span<const Property> properties);
    std::size_t feature_count() const { return feature_count_; }
    // Appends the layer to a tile (nothing when it has no features: an
    // empty layer is allowed by the spec but only costs bytes).
    void append_to(std::string& tile) const;

private:
    // Hashes std::string and std::string_view alike, so a lookup by view
    // does not build a string.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    template <typename Key>
    using ValueIds = std::unordered_map<Key, std::uint32_t>;

    std::uint32_t key_index(std::string_view key);
    std::uint32_t value_index(const PropertyValue& value);
    std::uint32_t add_value(const PropertyValue& value);

    std::string name_;
    std::uint32_t extent_;
    std::string features_;  // encoded Feature messages, each as Layer field 2
    std::size_t feature_count_ = 0;
    std::vector<std::string> keys_;  // a layer has a dozen keys: a linear search is fastest
    // Values are encoded as they first come (Layer field 4 each), and found
    // again by type: equal numbers of different types stay different values.
    std::string values_;
    std::uint32_t value_count_ = 0;
    std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>> text_ids_;
    ValueIds<std::uint64_t> double_ids_;  // by bit pattern
    ValueIds<std::int64_t> integer_ids_;
    std::optional<std::uint32_t> bool_ids_[2];
    // Reused from feature to feature.
    std::vector<std::uint32_t> tags_;
    std::vector<std::uint32_t> commands_;
};

}  // namespace investmap::mvt
