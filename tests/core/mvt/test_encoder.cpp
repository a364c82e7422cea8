#include "mvt/encoder.hpp"

#include <boost/test/unit_test.hpp>
#include <protozero/pbf_reader.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

using namespace investmap::mvt;

namespace {

// What one layer of an encoded tile holds: its values in order, and each
// feature's tags — read back with protozero, as any MVT reader would.
struct DecodedLayer {
    std::vector<std::string> keys;
    std::vector<PropertyValue> values;  // views into the tile
    std::vector<std::vector<std::uint32_t>> tags;
};

DecodedLayer decode_layer(const std::string& tile) {
    DecodedLayer decoded;
    protozero::pbf_reader message(tile);
    BOOST_REQUIRE(message.next(3));
    protozero::pbf_reader layer = message.get_message();
    while (layer.next()) {
        switch (layer.tag()) {
            case 2: {
                protozero::pbf_reader feature = layer.get_message();
                while (feature.next()) {
                    if (feature.tag() != 2) {
                        feature.skip();
                        continue;
                    }
                    const auto packed = feature.get_packed_uint32();
                    decoded.tags.emplace_back(packed.begin(), packed.end());
                }
                break;
            }
            case 3: decoded.keys.emplace_back(layer.get_string()); break;
            case 4: {
                protozero::pbf_reader value = layer.get_message();
                BOOST_REQUIRE(value.next());
                switch (value.tag()) {
                    case 1: {
                        const protozero::data_view text = value.get_view();
                        decoded.values.emplace_back(std::string_view(text.data(), text.size()));
                        break;
                    }
                    case 3: decoded.values.emplace_back(value.get_double()); break;
                    case 5: decoded.values.emplace_back(static_cast<std::int64_t>(value.get_uint64())); break;
                    case 6: decoded.values.emplace_back(value.get_sint64()); break;
                    case 7: decoded.values.emplace_back(value.get_bool()); break;
                    default: BOOST_FAIL("unexpected value type");
                }
                break;
            }
            default: layer.skip();
        }
    }
    return decoded;
}

const TileGeometry kPoint{GeometryType::point, {{{1, 1}}}};

}  // namespace

BOOST_AUTO_TEST_CASE(equal_values_are_stored_once_in_first_come_order_and_types_stay_apart) {
    LayerEncoder layer("parcels");
    std::string buffer = "available";  // the same text from another buffer is the same value
    const std::array<Property, 4> first{{{"status", "available"}, {"area", 1.0}, {"count", std::int64_t{1}}, {"open", true}}};
    const std::array<Property, 4> second{{{"status", std::string_view(buffer)}, {"area", 1.0}, {"count", std::int64_t{-1}}, {"open", false}}};
    const std::array<Property, 2> third{{{"status", "negotiating"}, {"area", std::int64_t{1}}}};
    layer.add(1, kPoint, first);
    layer.add(2, kPoint, second);
    buffer = "changed";  // the layer kept its own copy
    layer.add(3, kPoint, third);
    std::string tile;
    layer.append_to(tile);

    const DecodedLayer decoded = decode_layer(tile);
    BOOST_TEST(decoded.keys == (std::vector<std::string>{"status", "area", "count", "open"}));
    const std::vector<PropertyValue> expected{std::string_view("available"), 1.0, std::int64_t{1}, true, std::int64_t{-1}, false,
                                              std::string_view("negotiating")};
    BOOST_TEST(decoded.values.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) BOOST_TEST((decoded.values[i] == expected[i]), "value " << i);
    BOOST_TEST(decoded.tags[0] == (std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2, 3, 3}));
    BOOST_TEST(decoded.tags[1] == (std::vector<std::uint32_t>{0, 0, 1, 1, 2, 4, 3, 5}));
    // The integer 1 is not the double 1.0, and is already stored as the count's 1.
    BOOST_TEST(decoded.tags[2] == (std::vector<std::uint32_t>{0, 6, 1, 2}));
}

BOOST_AUTO_TEST_CASE(thousands_of_values_are_each_found_again) {
    LayerEncoder layer("parcels");
    // Twice over: the second pass must find every value the first stored,
    // across the table's growth; -0.0 and 0.0 differ in bits and stay apart.
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < 5000; ++i) {
            const std::string name = "地块 " + std::to_string(i);
            const std::array<Property, 3> properties{{{"name", std::string_view(name)},
                                                      {"area", i == 0 ? -0.0 : static_cast<double>(i)},
                                                      {"code", std::int64_t{i}}}};
            layer.add(static_cast<std::uint64_t>(i), kPoint, properties);
        }
    }
    std::string tile;
    layer.append_to(tile);
    const DecodedLayer decoded = decode_layer(tile);
    BOOST_TEST(decoded.values.size() == 3u * 5000u);
    for (std::size_t i = 0; i < 5000; ++i) BOOST_TEST((decoded.tags[i] == decoded.tags[i + 5000]));
    BOOST_TEST(std::get<double>(decoded.values[1]) == 0.0);
    BOOST_TEST(std::signbit(std::get<double>(decoded.values[1])));
}

BOOST_AUTO_TEST_CASE(distinct_values_skip_the_lookup_and_are_stored_each_time) {
    LayerEncoder layer("heat");
    const std::array<Property, 1> properties{{{"code", "A-1", true}}};
    layer.add(1, kPoint, properties);
    layer.add(2, kPoint, properties);
    std::string tile;
    layer.append_to(tile);
    BOOST_TEST(decode_layer(tile).values.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_point_added_on_its_own_encodes_as_a_point_geometry) {
    LayerEncoder by_geometry("heat"), by_point("heat");
    const std::array<Property, 1> properties{{{"weight", 2.5}}};
    by_geometry.add(7, TileGeometry{GeometryType::point, {{{25, 17}}}}, properties);
    by_point.add_point(7, {25, 17}, properties);
    std::string a, b;
    by_geometry.append_to(a);
    by_point.append_to(b);
    BOOST_TEST(a == b);
    BOOST_TEST((encode_geometry({GeometryType::point, {{{25, 17}}}}) == std::vector<std::uint32_t>{9, 50, 34}));
}

BOOST_AUTO_TEST_CASE(keys_are_found_whatever_position_a_feature_gives_them) {
    // Each position remembers the key it had last: a feature that skips a
    // key, or lists them in another order, must still get the right indexes.
    LayerEncoder layer("parcels");
    const std::array<Property, 3> all{{{"code", "A"}, {"name", "甲"}, {"park", "东区"}}};
    const std::array<Property, 2> without_name{{{"code", "B"}, {"park", "东区"}}};
    const std::array<Property, 3> reordered{{{"park", "西区"}, {"code", "C"}, {"rent", 12.5}}};
    layer.add(1, kPoint, all);
    layer.add(2, kPoint, without_name);
    layer.add(3, kPoint, reordered);
    layer.add(4, kPoint, all);
    std::string tile;
    layer.append_to(tile);

    const DecodedLayer decoded = decode_layer(tile);
    BOOST_TEST(decoded.keys == (std::vector<std::string>{"code", "name", "park", "rent"}));
    BOOST_TEST(decoded.tags[0] == (std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2}));
    BOOST_TEST(decoded.tags[1] == (std::vector<std::uint32_t>{0, 3, 2, 2}));
    BOOST_TEST(decoded.tags[2] == (std::vector<std::uint32_t>{2, 4, 0, 5, 3, 6}));
    BOOST_TEST(decoded.tags[3] == (std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2}));
}

BOOST_AUTO_TEST_CASE(a_reserved_table_finds_values_as_a_grown_one_and_huge_texts_are_stored_each_time) {
    // Reserved up front or grown on the way: the same values, the same tags.
    // A text too long to be looked for (over 16 MB) is stored each time.
    LayerEncoder reserved("parcels"), grown("parcels");
    reserved.reserve(1u << 16, 3000);
    const std::string huge(1u << 24, 'x');
    for (LayerEncoder* layer : {&reserved, &grown}) {
        for (int pass = 0; pass < 2; ++pass) {
            for (int i = 0; i < 1000; ++i) {
                const std::string name = "地块 " + std::to_string(i % 700);
                const std::array<Property, 3> properties{{{"name", std::string_view(name)},
                                                          {"flag", i % 2 == 0},
                                                          {"count", std::int64_t{i % 2}}}};
                layer->add(static_cast<std::uint64_t>(i), kPoint, properties);
            }
        }
        const std::array<Property, 1> big{{{"note", std::string_view(huge)}}};
        layer->add(5000, kPoint, big);
        layer->add(5001, kPoint, big);
    }
    std::string a, b;
    reserved.append_to(a);
    grown.append_to(b);
    BOOST_TEST((a == b));
    const DecodedLayer decoded = decode_layer(a);
    BOOST_TEST(decoded.values.size() == 700u + 2u + 2u + 2u);  // names, true/false, 0/1, the huge text twice
    BOOST_TEST(decoded.tags[1] == (std::vector<std::uint32_t>{0, 3, 1, 4, 2, 5}));  // false and 1 stay apart from true and 0
}

BOOST_AUTO_TEST_CASE(stable_texts_found_by_address_encode_as_any_texts) {
    // Found by address first, by content after: the same text at two
    // addresses is one value, and two lengths at one address are two.
    const std::string pool = "availablenegotiating";
    const std::string copy = "available";
    const std::string_view available(pool.data(), 9), avail(pool.data(), 5), negotiating(pool.data() + 9, 11);
    LayerEncoder by_address("parcels"), by_content("parcels");
    for (const bool stable : {true, false}) {
        LayerEncoder& layer = stable ? by_address : by_content;
        for (int i = 0; i < 200; ++i) {
            const std::string_view status = i % 4 == 0 ? available : i % 4 == 1 ? avail : i % 4 == 2 ? negotiating : std::string_view(copy);
            const std::array<Property, 2> properties{{{"status", status, false, stable}, {"n", std::int64_t{i % 3}}}};
            layer.add(static_cast<std::uint64_t>(i), kPoint, properties);
        }
    }
    std::string a, b;
    by_address.append_to(a);
    by_content.append_to(b);
    BOOST_TEST((a == b));
    const DecodedLayer decoded = decode_layer(a);
    BOOST_TEST(decoded.values.size() == 3u + 3u);  // available, avail, negotiating; 0, 1, 2
    BOOST_TEST(decoded.tags[3][1] == decoded.tags[0][1]);  // the copy is the same value
}

BOOST_AUTO_TEST_CASE(a_layer_appended_to_another_has_the_bytes_of_one_layer_given_all_features) {
    // Features of every kind the tile path writes: distinct codes, stable
    // and repeated texts, numbers of three types, a key only the later part
    // uses first, a text equal to a distinct one, ids and none.
    const std::string pool = "availablesignedM1M2";
    const std::string_view available(pool.data(), 9), signed_(pool.data() + 9, 6), m1(pool.data() + 15, 2), m2(pool.data() + 17, 2);
    const TileGeometry square{GeometryType::polygon, {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}};
    std::vector<std::string> codes, names;
    for (int i = 0; i < 300; ++i) {
        codes.push_back("P-" + std::to_string(i));
        names.push_back(i % 7 == 0 ? "P-" + std::to_string(i + 1) : "地块 " + std::to_string(i % 40));
    }
    const auto add_feature = [&](LayerEncoder& layer, int i) {
        std::vector<Property> properties{{"code", std::string_view(codes[i]), true},
                                         {"status", i % 3 ? available : signed_, false, true},
                                         {"name", std::string_view(names[i])},
                                         {"area_m2", 1000.0 + i % 50},
                                         {"fit", std::int64_t{i % 5 - 2}}};
        if (i % 4 == 0) properties.push_back({"land_use", i % 8 ? m1 : m2, false, true});
        if (i >= 200) properties.push_back({"late", i % 2 == 0});  // a key the first part never saw
        if (i % 10 == 0) {
            layer.add_point(std::nullopt, {i, -i}, properties);
        } else {
            layer.add(static_cast<std::uint64_t>(i), square, properties);
        }
    };
    LayerEncoder whole("parcels");
    for (int i = 0; i < 300; ++i) add_feature(whole, i);
    std::string expected;
    whole.append_to(expected);
    for (const int split : {0, 1, 7, 150, 201, 299, 300}) {
        LayerEncoder first("parcels"), later("parcels"), last("parcels");
        for (int i = 0; i < split; ++i) add_feature(first, i);
        for (int i = split; i < std::min(split + 60, 300); ++i) add_feature(later, i);
        for (int i = std::min(split + 60, 300); i < 300; ++i) add_feature(last, i);
        first.append(later);
        first.append(last);
        std::string appended;
        first.append_to(appended);
        BOOST_TEST_INFO("split at " << split);
        BOOST_TEST((appended == expected));
    }
}
