// The OpenAPI document and the queryables, as data: every reference
// resolves, each operation lists exactly the parameters its route checks
// (routes/parameters.hpp) plus the filters, the enums follow the vocabulary
// and the industries in force, staff operations need the bearer token.
// tests/e2e/serve/openapi.test.mjs asks the running server the same.
#include "openapi/openapi_document.hpp"
#include "openapi/queryables.hpp"
#include "routes/parameters.hpp"

#include "vocabulary/vocabulary.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace investmap;
using nlohmann::json;

namespace {

fit::IndustryProfiles two_industries() {
    fit::IndustryProfiles profiles;
    profiles.industries.push_back({.id = "electronics", .name_zh = "电子信息", .name_en = "Electronics"});
    profiles.industries.push_back({.id = "logistics", .name_zh = "现代物流", .name_en = "Logistics"});
    return profiles;
}

json document() {
    static const fit::IndustryProfiles profiles = two_industries();
    return server::openapi::openapi_document({.server_url = "https://example.org/heatmap", .industries = &profiles, .parcel_zoom = 13});
}

const json& resolve(const json& root, const json& node) {
    if (!node.is_object() || !node.contains("$ref")) return node;
    return root.at(json::json_pointer(node["$ref"].get<std::string>().substr(1)));
}

void every_reference_resolves(const json& root, const json& node) {
    if (node.is_object() && node.contains("$ref")) BOOST_CHECK_NO_THROW(resolve(root, node));
    if (node.is_structured()) {
        for (const json& child : node) every_reference_resolves(root, child);
    }
}

std::set<std::string> query_names(const json& root, const json& operation) {
    std::set<std::string> names;
    for (const json& parameter : operation["parameters"]) {
        const json& resolved = resolve(root, parameter);
        if (resolved["in"] == "query") BOOST_TEST(names.insert(resolved["name"].get<std::string>()).second, resolved["name"]);
    }
    return names;
}

std::set<std::string> expected_names(std::span<const std::string_view> own, bool filters) {
    std::set<std::string> names(own.begin(), own.end());
    if (filters) {
        for (const auto& parameter : vocabulary::kFilterParameters) names.emplace(parameter.name);
    }
    return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_reference_in_the_document_resolves) {
    const json api = document();
    BOOST_TEST(api["openapi"] == "3.0.3");
    BOOST_TEST(api["servers"][0]["url"] == "https://example.org/heatmap");
    every_reference_resolves(api, api);
}

BOOST_AUTO_TEST_CASE(operations_list_exactly_the_parameters_their_routes_take) {
    const json api = document();
    namespace p = server::parameters;
    const std::vector<std::tuple<std::string, std::string, std::set<std::string>>> cases = {
        {"/api/collections/parcels/items", "get", expected_names(p::kItems, true)},
        {"/api/collections/parcels/items/{code}", "get", expected_names(p::kItem, false)},
        {"/api/collections/parcels/items/{code}", "patch", {}},
        {"/api/stats", "get", expected_names(p::kDocument, true)},
        {"/tiles/{z}/{x}/{y}.mvt", "get", expected_names({}, true)},
        {"/tiles.json", "get", expected_names({}, true)},
        {"/styles/{style}.json", "get", expected_names(p::kLanguage, true)},
        {"/static/{image}", "get", expected_names(p::kStaticMap, true)},
        {"/api/vocabulary", "get", expected_names(p::kLanguage, false)},
        {"/api", "get", expected_names(p::kDocument, false)},
        {"/healthz", "get", {}},
    };
    for (const auto& [path, method, names] : cases) BOOST_TEST((query_names(api, api["paths"][path][method]) == names), method + " " + path);
}

BOOST_AUTO_TEST_CASE(path_parameters_are_the_path_template_s_names) {
    const json api = document();
    for (const auto& [path, operations] : api["paths"].items()) {
        std::set<std::string> in_template;
        for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
            in_template.insert(path.substr(open + 1, path.find('}', open) - open - 1));
        }
        for (const auto& [method, operation] : operations.items()) {
            std::set<std::string> listed;
            for (const json& parameter : operation["parameters"]) {
                const json& resolved = resolve(api, parameter);
                if (resolved["in"] == "path") {
                    listed.insert(resolved["name"].get<std::string>());
                    BOOST_TEST(resolved["required"] == true);
                }
            }
            BOOST_TEST((listed == in_template), method + " " + path);
        }
    }
}

BOOST_AUTO_TEST_CASE(enums_come_from_the_vocabulary_and_the_industries_in_force) {
    const json api = document();
    const json& parameters = api["components"]["parameters"];
    BOOST_TEST((parameters["status"]["schema"]["items"]["enum"] == json(vocabulary::codes_of(vocabulary::kStatuses))));
    BOOST_TEST((parameters["kind"]["schema"]["items"]["enum"] == json(vocabulary::codes_of(vocabulary::kKinds))));
    BOOST_TEST((parameters["industry"]["schema"]["enum"] == json{"electronics", "logistics"}));
    BOOST_TEST(parameters["limit"]["schema"]["maximum"] == server::parameters::kMaxLimit);
    BOOST_TEST(parameters["status"]["style"] == "form");
    BOOST_TEST(parameters["status"]["explode"] == false);
    BOOST_TEST(parameters["sortby"]["schema"]["enum"].size() == server::parameters::kSortOrders.size());
}

BOOST_AUTO_TEST_CASE(staff_operations_need_the_bearer_token_and_the_rest_take_it_optionally) {
    const json api = document();
    const json bearer_only = json::array({{{"bearer", json::array()}}});
    const json optional = json::array({json::object(), {{"bearer", json::array()}}});
    BOOST_TEST(api["paths"]["/api/collections/parcels/items/{code}"]["patch"]["security"] == bearer_only);
    BOOST_TEST(api["paths"]["/api/collections/parcels/items/{code}/history"]["get"]["security"] == bearer_only);
    BOOST_TEST(api["paths"]["/api/collections/parcels/items/{code}/media"]["post"]["security"] == bearer_only);
    BOOST_TEST(api["paths"]["/api/collections/parcels/items"]["get"]["security"] == optional);
    const json& body = api["paths"]["/api/collections/parcels/items/{code}"]["patch"]["requestBody"]["content"]["application/merge-patch+json"];
    for (const auto& field : vocabulary::kParcelFields) {
        BOOST_TEST(body["schema"]["properties"].contains(std::string(field.column)) == field.editable, field.column);
    }
}

BOOST_AUTO_TEST_CASE(queryables_are_the_properties_named_by_filter_parameters) {
    const std::array<std::string_view, 2> statuses = {"available", "negotiating"};
    const std::vector<std::string> parks = {"下渡科技园", "建新工业园"};
    const json schema = server::openapi::parcel_queryables("https://example.org/api/collections/parcels/queryables", statuses, parks);
    std::set<std::string> names;
    for (const auto& [name, property] : schema["properties"].items()) names.insert(name);
    BOOST_TEST((names == std::set<std::string>{"kind", "land_use", "park", "status"}));
    BOOST_TEST((schema["properties"]["status"]["enum"] == json{"available", "negotiating"}));
    BOOST_TEST((schema["properties"]["park"]["enum"] == json(parks)));
    BOOST_TEST(schema["properties"]["land_use"]["pattern"] == "^[RABMWSUGHE][0-9]{0,2}$");
    BOOST_TEST(schema["additionalProperties"] == false);
    const json without_parks = server::openapi::parcel_queryables("x", statuses, {});
    BOOST_TEST(!without_parks["properties"]["park"].contains("enum"));
}
