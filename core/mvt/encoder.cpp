#include "mvt/encoder.hpp"

#include <protozero/pbf_reader.hpp>
#include <protozero/pbf_writer.hpp>
#include <protozero/varint.hpp>

#include <bit>
#include <cstring>
#include <stdexcept>

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

constexpr std::uint32_t kVarint = 0, kFixed64 = 1, kLengthDelimited = 2;

constexpr std::uint32_t field_key(protozero::pbf_tag_type field, std::uint32_t wire_type) { return (field << 3U) | wire_type; }

std::size_t varint_size(std::uint64_t value) { return static_cast<std::size_t>(protozero::length_of_varint(value)); }

char* put_varint(char* out, std::uint64_t value) { return out + protozero::add_varint_to_buffer(out, value); }

std::size_t packed_size(std::span<const std::uint32_t> values) {
    std::size_t size = 0;
    for (const std::uint32_t value : values) size += varint_size(value);
    return size;
}

char* put_packed(char* out, protozero::pbf_tag_type field, std::span<const std::uint32_t> values, std::size_t size) {
    out = put_varint(out, field_key(field, kLengthDelimited));
    out = put_varint(out, size);
    for (const std::uint32_t value : values) out = put_varint(out, value);
    return out;
}

// A finaliser (murmur3's) over the words of the value: texts are short
// (a status, a land use, a park's name), numbers one word.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

std::uint64_t hash_text(std::string_view text) {
    std::uint64_t hash = text.size() * 0x9e3779b97f4a7c15ULL;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        hash = std::rotl(hash ^ mix(word), 27) * 0x9e3779b97f4a7c15ULL;
    }
    std::uint64_t tail = 0;
    if (i < text.size()) std::memcpy(&tail, text.data() + i, text.size() - i);
    return mix(hash ^ tail);
}

// A number's bits, or 0 for a text (its content is what counts).
std::uint64_t value_bits(const PropertyValue& value) {
    if (const auto* number = std::get_if<double>(&value)) return std::bit_cast<std::uint64_t>(*number);
    if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<std::uint64_t>(*integer);
    if (const auto* flag = std::get_if<bool>(&value)) return *flag ? 1 : 0;
    return 0;
}

}  // namespace

bool ValueTable::same(const Slot& slot, const PropertyValue& value, std::uint64_t bits) const {
    const auto* text = std::get_if<std::string_view>(&value);
    if (!text) return slot.content == bits;
    const std::size_t size = slot.content & kMaxTextSize;
    return size == text->size() && std::memcmp(texts_.data() + (slot.content >> 24), text->data(), size) == 0;
}

ValueTable::Found ValueTable::find_or_add(const PropertyValue& value, std::uint32_t next_id) {
    const auto* text = std::get_if<std::string_view>(&value);
    if (text && text->size() > kMaxTextSize) return {next_id, true};  // stored each time
    const std::uint64_t bits = value_bits(value);
    const std::uint64_t hash = text ? hash_text(*text) : mix(bits);
    // The type in the tag's low bits (never 0: the variant's index + 1).
    const std::uint32_t tag = (static_cast<std::uint32_t>(hash >> 32) & ~7u) | static_cast<std::uint32_t>(value.index() + 1);
    if (2 * (count_ + 1) > slots_.size()) grow(slots_.size() * 2);  // at most half full, whether or not the value is new
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (; slots_[i].tag != 0; i = (i + 1) & mask) {
        if (slots_[i].tag == tag && same(slots_[i], value, bits)) return {slots_[i].id, false};
    }
    Slot& added = slots_[i];  // the empty slot the search ended on
    added = {bits, tag, next_id};
    if (text) {
        added.content = (static_cast<std::uint64_t>(texts_.size()) << 24) | text->size();
        texts_.append(*text);
    }
    ++count_;
    return {next_id, true};
}

void ValueTable::reserve(std::size_t count) {
    std::size_t slots = slots_.size();
    while (slots < 2 * count) slots *= 2;
    if (slots > slots_.size()) grow(slots);
}

// The hash is not kept: a slot is found again from its content.
void ValueTable::grow(std::size_t slots) {
    std::vector<Slot> old(slots);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.tag == 0) continue;
        const bool is_text = (slot.tag & 7u) == 1;  // std::string_view is PropertyValue's first type
        const std::uint64_t hash =
            is_text ? hash_text({texts_.data() + (slot.content >> 24), static_cast<std::size_t>(slot.content & kMaxTextSize)})
                    : mix(slot.content);
        std::size_t i = hash & mask;
        while (slots_[i].tag != 0) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

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

std::uint32_t LayerEncoder::find_or_add_key(std::string_view key) {
    std::uint32_t index = 0;
    while (index < keys_.size() && keys_[index] != key) ++index;
    if (index == keys_.size()) keys_.emplace_back(key);
    return index;
}

// Features mostly list the same keys in the same order: the key at this
// position last time is tried first.
std::uint32_t LayerEncoder::key_index(std::string_view key, std::size_t position) {
    if (position < key_at_position_.size() && keys_[key_at_position_[position]] == key) return key_at_position_[position];
    const std::uint32_t index = find_or_add_key(key);
    if (position >= key_at_position_.size()) key_at_position_.resize(position + 1);
    key_at_position_[position] = index;
    return index;
}

// Layer field 4, a Value message, written straight into values_.
std::uint32_t LayerEncoder::add_value(const PropertyValue& value, bool in_table) {
    static_assert(std::endian::native == std::endian::little, "a double is written as its bytes (little-endian)");
    char head[2 * protozero::max_varint_length + sizeof(double)];  // a Value's field key, and its number or its text's length
    char* end = head;
    std::string_view text;
    if (const auto* string = std::get_if<std::string_view>(&value)) {
        text = *string;
        end = put_varint(end, field_key(value_field::string, kLengthDelimited));
        end = put_varint(end, text.size());
    } else if (const auto* number = std::get_if<double>(&value)) {
        end = put_varint(end, field_key(value_field::double_value, kFixed64));
        std::memcpy(end, number, sizeof(double));
        end += sizeof(double);
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        end = *integer >= 0 ? put_varint(put_varint(end, field_key(value_field::uint, kVarint)), static_cast<std::uint64_t>(*integer))
                            : put_varint(put_varint(end, field_key(value_field::sint, kVarint)), protozero::encode_zigzag64(*integer));
    } else {
        end = put_varint(put_varint(end, field_key(value_field::boolean, kVarint)), std::get<bool>(value) ? 1 : 0);
    }
    const std::size_t size = static_cast<std::size_t>(end - head) + text.size();
    char prefix[1 + protozero::max_varint_length];
    const char* prefix_end = put_varint(put_varint(prefix, field_key(layer_field::values, kLengthDelimited)), size);
    values_.append(prefix, static_cast<std::size_t>(prefix_end - prefix)).append(head, static_cast<std::size_t>(end - head)).append(text);
    value_in_table_.push_back(in_table);
    return value_count_++;
}

std::uint32_t LayerEncoder::value_index(const PropertyValue& value) {
    const ValueTable::Found found = value_ids_.find_or_add(value, value_count_);
    if (found.added) add_value(value, true);
    return found.id;
}

std::uint32_t LayerEncoder::stable_value_index(std::string_view text) {
    KnownText& known = known_texts_[(reinterpret_cast<std::uintptr_t>(text.data()) >> 3) % known_texts_.size()];
    if (known.data == text.data() && known.size == text.size()) return known.id;
    const std::uint32_t id = value_index(text);
    known = {text.data(), text.size(), id};
    return id;
}

void LayerEncoder::set_tags(std::span<const Property> properties) {
    tags_.clear();
    for (std::size_t i = 0; i < properties.size(); ++i) {
        const Property& property = properties[i];
        tags_.push_back(key_index(property.key, i));
        const auto* text = std::get_if<std::string_view>(&property.value);
        tags_.push_back(property.distinct         ? add_value(property.value)
                        : property.stable && text ? stable_value_index(*text)
                                                  : value_index(property.value));
    }
}

// Layer field 2, a Feature message, written straight into features_: its
// size is known before a byte is written, so no room is reserved for its
// length and the feature moved back after (as protozero's nested messages
// do, once for the feature and once for each packed field).
void LayerEncoder::add_feature(std::optional<std::uint64_t> id, EncodedGeometry geometry) {
    const std::size_t tags_size = packed_size(tags_);
    const std::size_t geometry_size = packed_size(geometry.commands);
    std::size_t size = 1 + varint_size(tags_size) + tags_size + 2 + 1 + varint_size(geometry_size) + geometry_size;
    if (id) size += 1 + varint_size(*id);
    const std::size_t start = features_.size();
    features_.resize(start + 1 + varint_size(size) + size);
    char* out = put_varint(put_varint(features_.data() + start, field_key(layer_field::features, kLengthDelimited)), size);
    if (id) out = put_varint(put_varint(out, field_key(feature_field::id, kVarint)), *id);
    out = put_packed(out, feature_field::tags, tags_, tags_size);
    out = put_varint(put_varint(out, field_key(feature_field::type, kVarint)), static_cast<std::uint32_t>(geometry.type));
    put_packed(out, feature_field::geometry, geometry.commands, geometry_size);
    ++feature_count_;
}

void LayerEncoder::add(std::optional<std::uint64_t> id, const TileGeometry& geometry, std::span<const Property> properties) {
    set_tags(properties);
    encode_geometry(geometry, commands_);
    add_feature(id, {geometry.type, commands_});
}

namespace {

// A Value message (as add_value writes it) read back.
PropertyValue read_value(protozero::data_view message) {
    protozero::pbf_reader value(message);
    if (!value.next()) throw std::logic_error("empty MVT value");
    switch (value.tag()) {
        case value_field::string: {
            const protozero::data_view text = value.get_view();
            return std::string_view(text.data(), text.size());
        }
        case value_field::double_value: return value.get_double();
        case value_field::uint: return static_cast<std::int64_t>(value.get_uint64());
        case value_field::sint: return value.get_sint64();
        case value_field::boolean: return value.get_bool();
        default: throw std::logic_error("MVT value of a type this encoder does not write");
    }
}

}  // namespace

void LayerEncoder::append(const LayerEncoder& later) {
    std::vector<std::uint32_t> key_ids;
    for (const std::string& key : later.keys_) key_ids.push_back(find_or_add_key(key));
    // Values in the order `later` first used them: those it looked for are
    // looked for here (a distinct one, like a code, never is), the rest added.
    std::vector<std::uint32_t> value_ids;
    value_ids.reserve(later.value_count_);
    protozero::pbf_reader values(later.values_);
    for (std::uint32_t id = 0; values.next(layer_field::values); ++id) {
        const protozero::data_view message = values.get_view();
        const PropertyValue value = read_value(message);
        const bool in_table = later.value_in_table_[id];
        if (in_table) {
            const ValueTable::Found found = value_ids_.find_or_add(value, value_count_);
            if (!found.added) {
                value_ids.push_back(found.id);
                continue;
            }
        }
        value_ids.push_back(add_value(value, in_table));
    }
    // Each feature written again with its tags renumbered: the sizes of
    // their varints, and so the feature's, may change.
    protozero::pbf_reader features(later.features_);
    while (features.next(layer_field::features)) {
        protozero::pbf_reader feature = features.get_message();
        std::optional<std::uint64_t> id;
        GeometryType type = GeometryType::point;
        tags_.clear();
        commands_.clear();
        while (feature.next()) {
            switch (feature.tag()) {
                case feature_field::id: id = feature.get_uint64(); break;
                case feature_field::type: type = static_cast<GeometryType>(feature.get_enum()); break;
                case feature_field::tags: {
                    std::size_t position = 0;
                    for (const std::uint32_t tag : feature.get_packed_uint32()) {
                        tags_.push_back(position++ % 2 == 0 ? key_ids.at(tag) : value_ids.at(tag));
                    }
                    break;
                }
                case feature_field::geometry:
                    for (const std::uint32_t command : feature.get_packed_uint32()) commands_.push_back(command);
                    break;
                default: feature.skip();
            }
        }
        add_feature(id, {type, commands_});
    }
}

void LayerEncoder::add_point(std::optional<std::uint64_t> id, TilePoint point, std::span<const Property> properties) {
    set_tags(properties);
    commands_.clear();
    commands_.push_back(command(move_to, 1));
    Cursor{}.step_to(point, commands_);
    add_feature(id, {GeometryType::point, commands_});
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
