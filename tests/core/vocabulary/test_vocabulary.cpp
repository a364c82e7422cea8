// The vocabulary's tables are consistent with each other and with PRODUCT.md,
// and what /api/vocabulary publishes is built from them.
#include "vocabulary/vocabulary.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace investmap::vocabulary;

namespace {

bool is_hex_colour(std::string_view text) {
    return text.size() == 7 && text[0] == '#' &&
           std::all_of(text.begin() + 1, text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f'); });
}

template <typename Table>
void codes_are_unique_and_labelled_in_both_languages(const Table& table) {
    std::set<std::string_view> codes;
    for (const auto& entry : table) {
        BOOST_TEST_CONTEXT(entry.code) {
            BOOST_TEST(codes.insert(entry.code).second);
            BOOST_TEST(!entry.label.zh.empty());
            BOOST_TEST(!entry.label.en.empty());
        }
    }
}

// Every name an importer maps to a code names one entry only.
template <typename Table>
void import_labels_name_one_entry(const Table& table) {
    std::set<std::string_view> names;
    for (const auto& entry : table) {
        for (std::string_view name : entry.import_labels) {
            if (!name.empty()) BOOST_TEST(names.insert(name).second, name);
        }
        BOOST_TEST(names.insert(entry.label.zh).second, entry.label.zh);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_table_has_unique_codes_and_both_languages) {
    codes_are_unique_and_labelled_in_both_languages(kStatuses);
    codes_are_unique_and_labelled_in_both_languages(kKinds);
    codes_are_unique_and_labelled_in_both_languages(kLandUses);
    codes_are_unique_and_labelled_in_both_languages(kContextLayers);
    import_labels_name_one_entry(kStatuses);
    import_labels_name_one_entry(kKinds);
    import_labels_name_one_entry(kLandUses);
    std::set<std::string_view> fields;
    for (const FieldSpec& field : kParcelFields) {
        BOOST_TEST(fields.insert(field.column).second, field.column);
        BOOST_TEST(!field.label.zh.empty());
        BOOST_TEST(!field.label.en.empty());
    }
    std::set<std::string_view> filters;
    for (const FilterParameter& parameter : kFilterParameters) BOOST_TEST(filters.insert(parameter.name).second, parameter.name);
}

BOOST_AUTO_TEST_CASE(status_moves_follow_the_table_in_product_md) {
    BOOST_TEST(may_move("available", "negotiating"));
    BOOST_TEST(may_move("negotiating", "signed"));
    BOOST_TEST(may_move("signed", "settled"));
    BOOST_TEST(may_move("settled", "available"));
    BOOST_TEST(!may_move("available", "signed"));
    BOOST_TEST(!may_move("withdrawn", "negotiating"));
    BOOST_TEST(!may_move("available", ""));
    BOOST_TEST(!may_move("unknown", "available"));
    BOOST_TEST(allowed_moves("available") == "negotiating, reserved, withdrawn");
    BOOST_TEST(allowed_moves("unknown") == "");
}

BOOST_AUTO_TEST_CASE(every_move_leads_to_a_known_other_status_and_each_can_return_to_available) {
    for (const Status& status : kStatuses) {
        BOOST_TEST_CONTEXT(status.code) {
            for (std::string_view to : status.may_move_to) {
                if (to.empty()) continue;
                BOOST_TEST(find_status(to) != nullptr, to);
                BOOST_TEST(to != status.code);
            }
            BOOST_TEST((status.code == "available" || may_move(status.code, "available")));
        }
    }
}

BOOST_AUTO_TEST_CASE(only_available_and_negotiating_are_public_by_default) {
    for (const Status& status : kStatuses) {
        const bool expected = status.code == "available" || status.code == "negotiating";
        BOOST_TEST(status.public_by_default == expected, status.code);
    }
}

BOOST_AUTO_TEST_CASE(colours_are_hex_and_tell_statuses_and_bands_apart) {
    std::set<std::string_view> status_colours;
    for (const Status& status : kStatuses) {
        BOOST_TEST(is_hex_colour(status.color), status.code);
        BOOST_TEST(status_colours.insert(status.color).second, status.code);
    }
    BOOST_TEST(is_hex_colour(kUnknownStatusColor));
    BOOST_TEST(!status_colours.contains(kUnknownStatusColor));
    std::set<std::string_view> band_colours;
    for (const FitBand& band : kFitBands) {
        BOOST_TEST(is_hex_colour(band.color));
        BOOST_TEST(band_colours.insert(band.color).second);
    }
}

BOOST_AUTO_TEST_CASE(context_layers_are_drawn_water_first_and_the_boundary_on_top) {
    BOOST_TEST(context_layer_order("water") == 0u);
    BOOST_TEST(context_layer_order("boundary") == kContextLayers.size() - 1);
    BOOST_TEST(context_layer_order("rivers") == kContextLayers.size());  // unknown: after the rest
    BOOST_TEST(codes_of(kContextLayers).size() == kContextLayers.size());
}

BOOST_AUTO_TEST_CASE(fit_bands_cover_every_score_once_highest_first) {
    for (int score = 0; score <= 100; ++score) {
        const auto bands = std::ranges::count_if(kFitBands, [&](const FitBand& b) { return score >= b.low && score <= b.high; });
        BOOST_TEST(bands == 1, "score " << score);
    }
    for (std::size_t i = 1; i < kFitBands.size(); ++i) BOOST_TEST(kFitBands[i].high < kFitBands[i - 1].low);
}

BOOST_AUTO_TEST_CASE(land_use_codes_follow_gb_50137) {
    for (const LandUse& use : kLandUses) BOOST_TEST(is_land_use_code(use.code), use.code);
    for (std::string_view good : {"M", "M1", "A35", "W3", "E9", "H14"}) BOOST_TEST(is_land_use_code(good), good);
    for (std::string_view bad : {"", "m1", "X1", "M123", "M1a", "1", "M 1", "工业"}) BOOST_TEST(!is_land_use_code(bad), bad);
    BOOST_TEST(find_land_use("M2")->label.zh == "二类工业用地");
    BOOST_TEST(find_land_use("M9") == nullptr);  // well-formed, but without a name here
}

BOOST_AUTO_TEST_CASE(field_lookup_is_an_allow_list) {
    BOOST_TEST(field_index("power_kva").has_value());
    BOOST_TEST(!field_index("power_kva; DROP TABLE parcels").has_value());
    BOOST_TEST(!field_index("").has_value());
    BOOST_TEST(kParcelFields[field("notes")].staff_only);
    BOOST_TEST(!kParcelFields[field("rent_yuan_m2_month")].staff_only);
}

BOOST_AUTO_TEST_CASE(staff_edit_what_product_md_lists_and_nothing_imports_own) {
    std::set<std::string_view> editable;
    for (const FieldSpec& field : kParcelFields) {
        if (field.editable) editable.insert(field.column);
        if (field.staff_only) BOOST_TEST(field.editable, field.column);  // staff keep them up to date
    }
    const std::set<std::string_view> expected = {"status", "rent_yuan_m2_month", "land_price_wan_per_mu", "available_from", "contact",
                                                 "description", "video_url", "owner", "counterparty", "notes"};
    BOOST_TEST(editable == expected);
    for (std::string_view column : {"code", "kind", "geom", "area_m2"}) BOOST_TEST(!editable.contains(column), column);
}

BOOST_AUTO_TEST_CASE(maxima_bound_only_numbers) {
    for (const FieldSpec& field : kParcelFields) {
        if (field.type != FieldType::real) BOOST_TEST(field.max_value == 0, field.column);
    }
    BOOST_TEST(beyond_maximum(kParcelFields[field("rent_yuan_m2_month")], 10001).value() == "10000");
    BOOST_TEST(!beyond_maximum(kParcelFields[field("rent_yuan_m2_month")], 10000).has_value());
}

BOOST_AUTO_TEST_CASE(labels_are_found_by_code_in_either_language) {
    BOOST_TEST(label_of(kStatuses, "negotiating", "zh") == "洽谈中");
    BOOST_TEST(label_of(kStatuses, "negotiating", "en") == "in negotiation");
    BOOST_TEST(label_of(kKinds, "factory", "zh") == "厂房");
    BOOST_TEST(label_of(kKinds, "farm", "zh") == "farm");  // unknown: the code itself
    BOOST_TEST(joined_codes(kKinds) == "land, factory, office");
    BOOST_TEST(joined_labels_zh(kKinds) == "土地、厂房、楼宇");
}

BOOST_AUTO_TEST_CASE(the_published_vocabulary_is_the_tables_in_one_language) {
    const nlohmann::json zh = to_json("zh", {});
    const nlohmann::json en = to_json("en", {});
    BOOST_TEST(zh["lang"] == "zh");
    BOOST_TEST(en["lang"] == "en");
    BOOST_TEST(to_json("fr", {})["lang"] == "zh");  // anything else: Chinese, the default
    BOOST_REQUIRE(zh["statuses"].size() == kStatuses.size());
    BOOST_TEST(zh["statuses"][1]["label"] == "洽谈中");
    BOOST_TEST(en["statuses"][1]["label"] == "in negotiation");
    BOOST_TEST(zh["statuses"][0]["may_move_to"] == nlohmann::json({"negotiating", "reserved", "withdrawn"}));
    BOOST_TEST(zh["statuses"][0]["public"] == true);
    BOOST_TEST(zh["statuses"][2]["public"] == false);
    BOOST_TEST(zh["kinds"].size() == kKinds.size());
    BOOST_TEST(zh["land_uses"].size() == kLandUses.size());
    BOOST_TEST(zh["fields"].size() == kParcelFields.size());
    BOOST_TEST(zh["filters"].size() == kFilterParameters.size());
    BOOST_TEST(zh["fit_bands"].size() == kFitBands.size());
    BOOST_TEST(en["context_layers"][3]["label"] == "district boundary");
    BOOST_TEST(zh["parcel_zoom"] == kDefaultParcelZoom);
    const auto& rent = zh["fields"][field("rent_yuan_m2_month")];
    BOOST_TEST(rent["label"] == "租金");
    BOOST_TEST(rent["unit"] == "元/m²·月");
    BOOST_TEST(rent["type"] == "number");
    BOOST_TEST(rent["editable"] == true);
    BOOST_TEST(rent["max"] == 1e4);
    BOOST_TEST(en["fields"][field("available_from")]["type"] == "date");
}

BOOST_AUTO_TEST_CASE(the_published_vocabulary_follows_the_deployment) {
    const std::vector<std::string> public_statuses = {"available", "reserved"};
    const nlohmann::json vocabulary = to_json("en", {.parcel_zoom = 12, .public_statuses = public_statuses});
    BOOST_TEST(vocabulary["parcel_zoom"] == 12);
    for (const auto& status : vocabulary["statuses"]) {
        const bool expected = status["code"] == "available" || status["code"] == "reserved";
        BOOST_TEST(status["public"] == expected, status["code"]);
    }
}
