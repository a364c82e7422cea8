#include "mvt/encoder.hpp"

#include <protozero/pbf_writer.hpp>
#include <protozero/varint.hpp>

#include <bit>

namespace investmap::mvt {
namespace {

// Field numbers of vector_tile.proto (MVT 2.1).
namespace tile_field { constexpr protozero::pbf_tag_type layers = 3; }
namespace layer_field {
constexpr protozero::pbf_tag_type name = 1, features = 2, keys = 3, values = 4, extent = 5, version = 15;
}
namespace feature_field { constexpr protozero::pbf_tag_type id = 1, tags = 2, type = 3, geometry = 4; }
namespace value_field { constexpr protozero::pbf_tag_type string = 1, double_value = 3, uint = 5, sint = 6, boolean = 7; }

enum Command : std::uint32_t { move_to = 1, line_to = 2, close_path = 7 };

std::uint32_t command(Command id, std::size_t count) { return id | static_cast<std::uint32_t>(count << 3); }

struct Cursor {
    std::int32_t x = 0;
    std::int32_t y = 0;

    void step_to(const TilePoint& point, std::vector<std::uint32_t>& out) {
        out.push_back(protozero::encode_zigzag32(point.x - x));
        out.push_back(protozero::encode_zigzag32(point.y - y));
        x = point.x;
        y = point.y;
    }
};

void encode_value(protozero::pbf_writer& writer, const PropertyValue& value) {
    if (const auto* text = std::get_if<std::string_view>(&value)) {
        writer.add_string(value_field::string, text->data(), text->size());
    } else if (const auto* number = std::get_if<double>(&value)) {
        writer.add_double(value_field::double_value, *number);
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        if (*integer >= 0) writer.add_uint64(value_field::uint, static_cast<std::uint64_t>(*integer));
        else writer.add_sint64(value_field::sint, *integer);
    } else {
        writer.add_bool(value_field::boolean, std::get<bool>(value));
    }
}

}  // namespace

std::vector<std::uint32_t> encode_geometry(const TileGeometry& geometry) {
    std::vector<std::uint32_t> out;
    encode_geometry(geometry, out);
    return out;
}

void encode_geometry(const TileGeometry& geometry, std::vector<std::uint32_t>& out) {
    out.clear();
    Cursor cursor;
    if (geometry.type == GeometryType::point) {
        std::size_t count = 0;
        for (const auto& part : geometry.parts) count += part.size();
        out.push_back(command(move_to, count));
        for (const auto& part : geometry.parts)
            for (const TilePoint& point : part) cursor.step_to(point, out);
        return;
    }
    for (const auto& part : geometry.parts) {
        out.push_back(command(move_to, 1));
        cursor.step_to(part.front(), out);
        out.push_back(command(line_to, part.size() - 1));
        for (std::size_t i = 1; i < part.size(); ++i) cursor.step_to(part[i], out);
        if (geometry.type == GeometryType::polygon) out.push_back(command(close_path, 1));
    }
}

LayerEncoder::LayerEncoder(std::string name, std::uint32_t extent) : name_(std::move(name)), extent_(extent) {}

std::uint32_t LayerEncoder::key_index(std::string_view key) {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) return static_cast<std::uint32_t>(i);
    }
    keys_.emplace_back(key);
    return static_cast<std::uint32_t>(keys_.size() - 1);
}

std::uint32_t LayerEncoder::add_value(const PropertyValue& value) {
    protozero::pbf_writer layer(values_);
    protozero::pbf_writer encoded(layer, layer_field::values);
    encode_value(encoded, value);
    return value_count_++;
}

std::uint32_t LayerEncoder::value_index(const PropertyValue& value) {
    if (const auto* text = std::get_if<std::string_view>(&value)) {
        if (const auto found = text_ids_.find(*text); found != text_ids_.end()) return found->second;
        const std::uint32_t index = add_value(value);
        text_ids_.emplace(std::string(*text), index);
        return index;
    }
    if (const auto* number = std::get_if<double>(&value)) {
        const auto [it, added] = double_ids_.try_emplace(std::bit_cast<std::uint64_t>(*number), value_count_);
        if (added) add_value(value);
        return it->second;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        const auto [it, added] = integer_ids_.try_emplace(*integer, value_count_);
        if (added) add_value(value);
        return it->second;
    }
    std::optional<std::uint32_t>& slot = bool_ids_[std::get<bool>(value) ? 1 : 0];
    if (!slot) slot = add_value(value);
    return *slot;
}

void LayerEncoder::add(std::optional<std::uint64_t> id, const TileGeometry& geometry, std::span<const Property> properties) {
    tags_.clear();
    for (const Property& property : properties) {
        tags_.push_back(key_index(property.key));
        tags_.push_back(property.distinct ? add_value(property.value) : value_index(property.value));
    }
    encode_geometry(geometry, commands_);
    protozero::pbf_writer layer(features_);
    protozero::pbf_writer feature(layer, layer_field::features);
    if (id) feature.add_uint64(feature_field::id, *id);
    feature.add_packed_uint32(feature_field::tags, tags_.begin(), tags_.end());
    feature.add_enum(feature_field::type, static_cast<std::int32_t>(geometry.type));
    feature.add_packed_uint32(feature_field::geometry, commands_.begin(), commands_.end());
    ++feature_count_;
}

void LayerEncoder::append_to(std::string& tile) const {
    if (feature_count_ == 0) return;
    std::string head, tail;
    {
        protozero::pbf_writer writer(head);
        writer.add_uint32(layer_field::version, 2);
        writer.add_string(layer_field::name, name_);
    }
    {
        protozero::pbf_writer writer(tail);
        for (const std::string& key : keys_) writer.add_string(layer_field::keys, key);
        writer.add_uint32(layer_field::extent, extent_);
    }
    // The Layer message written in place: its features and values are
    // already encoded, and a layer can be half a megabyte, so no copy of it
    // is made on the way into the tile.
    const std::size_t length = head.size() + features_.size() + values_.size() + tail.size();
    protozero::add_varint_to_buffer(&tile, (tile_field::layers << 3U) | 2U);  // wire type 2: length-delimited
    protozero::add_varint_to_buffer(&tile, length);
    tile.reserve(tile.size() + length);
    tile += head;
    tile += features_;
    tile += values_;
    tile += tail;
}

}  // namespace investmap::mvt
