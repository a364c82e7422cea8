#pragma once
// Mapbox Vector Tile 2.1 encoding with protozero: one LayerEncoder a layer,
// features added one by one, keys and values shared within the layer.
#include "mvt/tile_geometry.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace investmap::mvt {

// A value as the caller has it; the layer copies what it keeps.
using PropertyValue = std::variant<std::string_view, double, std::int64_t, bool>;

struct Property {
    std::string_view key;
    PropertyValue value;
    // A value no other feature of the layer has (a parcel code): added
    // without looking for it among the layer's values.
    bool distinct = false;
    // A text that stays where it is, unchanged, while the layer is built
    // (the memory index's): found again by its address before its content.
    // Ignored for numbers.
    bool stable = false;
};

// The geometry as MVT commands (§4.3): MoveTo, LineTo, ClosePath with
// zigzag-encoded deltas from a cursor that carries over between parts.
std::vector<std::uint32_t> encode_geometry(const TileGeometry& geometry);
void encode_geometry(const TileGeometry& geometry, std::vector<std::uint32_t>& out);

// A layer's values, found again by type and content: open addressing over a
// power-of-two table, with the texts copied into one buffer. (A hash map per
// type hashed each text with murmur and allocated a node for each new
// number: a sixth of a tile's time.) Equal numbers of different types stay
// different values; doubles are compared by bit pattern. A slot is 16 bytes,
// four to a cache line: most of a large tile's values are new (areas,
// names), and each new one probes the table at random.
class ValueTable {
public:
    // The id `value` was given before, or else `next_id`, now remembered for
    // it; `added` says which.
    struct Found {
        std::uint32_t id;
        bool added;
    };
    Found find_or_add(const PropertyValue& value, std::uint32_t next_id);
    // Room for `count` values without growing on the way.
    void reserve(std::size_t count);

private:
    // A text longer than this is stored each time, never looked for (its
    // size shares a word with its offset).
    static constexpr std::size_t kMaxTextSize = (1u << 24) - 1;
    struct Slot {
        std::uint64_t content = 0;  // a number's bit pattern, or a text's offset << 24 | size
        std::uint32_t tag = 0;      // 0: empty; else bits of the hash, with the type in the low 3
        std::uint32_t id = 0;
    };
    bool same(const Slot& slot, const PropertyValue& value, std::uint64_t bits) const;
    void grow(std::size_t slots);

    std::vector<Slot> slots_ = std::vector<Slot>(64);
    std::size_t count_ = 0;
    std::string texts_;
};

class LayerEncoder {
public:
    explicit LayerEncoder(std::string name, std::uint32_t extent = 4096);

    void add(std::optional<std::uint64_t> id, const TileGeometry& geometry, std::span<const Property> properties);
    // A single point, without building a TileGeometry for it.
    void add_point(std::optional<std::uint64_t> id, TilePoint point, std::span<const Property> properties);
    std::size_t feature_count() const { return feature_count_; }
    // Room for about this many bytes of features and distinct values, when
    // the caller knows roughly what is coming: the buffers then do not grow
    // (and copy themselves) on the way.
    void reserve(std::size_t feature_bytes, std::size_t values) {
        features_.reserve(feature_bytes);
        value_ids_.reserve(values);
    }
    // Adds the features of `later`, a layer of the same name and extent
    // that took the features after this one's (drawn on another thread):
    // the bytes are those of one layer given all the features in order.
    // Its keys and values are found again here, or added in the order it
    // first used them, and its features' tags renumbered.
    void append(const LayerEncoder& later);
    // Appends the layer to a tile (nothing when it has no features: an
    // empty layer is allowed by the spec but only costs bytes).
    void append_to(std::string& tile) const;

private:
    // A geometry already encoded as commands, by encode_geometry.
    struct EncodedGeometry {
        GeometryType type;
        std::span<const std::uint32_t> commands;
    };

    // The key's index in keys_, added at the end when new.
    std::uint32_t find_or_add_key(std::string_view key);
    std::uint32_t key_index(std::string_view key, std::size_t position);
    std::uint32_t value_index(const PropertyValue& value);
    std::uint32_t stable_value_index(std::string_view text);
    // `in_table`: the value was looked for (value_ids_ knows it), as a
    // distinct one is not.
    std::uint32_t add_value(const PropertyValue& value, bool in_table = false);
    // Writes a feature of the tags in tags_ and these commands.
    void add_feature(std::optional<std::uint64_t> id, EncodedGeometry geometry);
    void set_tags(std::span<const Property> properties);

    std::string name_;
    std::uint32_t extent_;
    std::string features_;  // encoded Feature messages, each as Layer field 2
    std::size_t feature_count_ = 0;
    std::vector<std::string> keys_;  // a layer has a dozen keys: a linear search is fastest
    std::vector<std::uint32_t> key_at_position_;  // the key each property position had last
    // Values are encoded as they first come (Layer field 4 each).
    std::string values_;
    std::uint32_t value_count_ = 0;
    ValueTable value_ids_;
    std::vector<bool> value_in_table_;  // by id: append() looks those up again, and only those
    // Stable texts by address: a parcel's kind, status, land use and park are
    // a few shared texts, hashed for every feature otherwise.
    struct KnownText {
        const char* data = nullptr;
        std::size_t size = 0;
        std::uint32_t id = 0;
    };
    std::array<KnownText, 64> known_texts_{};
    // Reused from feature to feature.
    std::vector<std::uint32_t> tags_;
    std::vector<std::uint32_t> commands_;
};

}  // namespace investmap::mvt
