// The filter grammar as a table: query → SQL condition and bound values, or
// → the parameter a 400 names.
#include "filter/filter.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <array>

using namespace investmap::filter;
namespace data = boost::unit_test::data;

namespace {

constexpr std::array<std::string_view, 2> kPublic = {"available", "negotiating"};
constexpr std::array<std::string_view, 6> kAll = {"available", "negotiating", "reserved", "signed", "settled", "withdrawn"};
constexpr std::array<std::string_view, 2> kEndpoint = {"bbox", "limit"};

QueryParameters parse_query(std::string_view text) {
    QueryParameters query;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('&', start), text.size());
        const std::string_view part = text.substr(start, end - start);
        const std::size_t equals = part.find('=');
        query.emplace_back(std::string(part.substr(0, equals)), equals == std::string_view::npos ? "" : std::string(part.substr(equals + 1)));
        start = end + 1;
    }
    return query;
}

std::string describe(const std::vector<SqlValue>& values) {
    std::string text;
    for (const SqlValue& value : values) {
        if (!text.empty()) text += "|";
        if (const auto* number = std::get_if<double>(&value)) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%g", *number);
            text += buffer;
        } else {
            text += std::get<std::string>(value);
        }
    }
    return text;
}

}  // namespace

struct Accepted {
    const char* query;
    const char* sql;     // for an anonymous caller (public statuses only)
    const char* values;  // bound values joined with |
};
std::ostream& operator<<(std::ostream& out, const Accepted& row) { return out << row.query; }

const std::array kAccepted = {
    Accepted{"", "(status IN (?, ?))", "available|negotiating"},
    Accepted{"bbox=1,2,3,4&limit=5", "(status IN (?, ?))", "available|negotiating"},
    Accepted{"status=negotiating", "(status IN (?))", "negotiating"},
    Accepted{"status=reserved", "(0)", ""},  // not public: nothing, and no hint that it exists
    Accepted{"kind=land,factory", "(status IN (?, ?)) AND (kind IN (?, ?))", "available|negotiating|factory|land"},
    Accepted{"land_use=M1,M2,M1", "(status IN (?, ?)) AND (land_use IN (?, ?))", "available|negotiating|M1|M2"},
    Accepted{"area_min=1000&area_max=5000.5", "(status IN (?, ?)) AND (area_m2 >= ?) AND (area_m2 <= ?)",
             "available|negotiating|1000|5000.5"},
    Accepted{"rent_max=30&power_min=630", "(status IN (?, ?)) AND (rent_yuan_m2_month <= ?) AND (power_kva >= ?)",
             "available|negotiating|30|630"},
    Accepted{"available_by=2026-12-31", "(status IN (?, ?)) AND (available_from IS NULL OR available_from <= ?)",
             "available|negotiating|2026-12-31"},
    Accepted{"park=金山工业区", "(status IN (?, ?)) AND (park IN (?))", "available|negotiating|金山工业区"},
    Accepted{"q=50%_off", "(status IN (?, ?)) AND (name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\' OR address LIKE ? "
                          "ESCAPE '\\' OR park LIKE ? ESCAPE '\\')",
             "available|negotiating|%50\\%\\_off%|%50\\%\\_off%|%50\\%\\_off%|%50\\%\\_off%"},
    Accepted{"industry=electronics", "(status IN (?, ?)) AND (fit.industry = ?)", "available|negotiating|electronics"},
    Accepted{"min_fit=60&industry=electronics", "(status IN (?, ?)) AND (fit.industry = ?) AND (fit.score >= ?)",
             "available|negotiating|electronics|60"},
};

BOOST_DATA_TEST_CASE(accepted_queries_become_bound_sql, data::make(kAccepted), row) {
    const Filter filter = parse_filter(parse_query(row.query), kEndpoint);
    const SqlCondition condition = to_sql(filter, kPublic);
    BOOST_TEST(condition.sql == row.sql);
    BOOST_TEST(describe(condition.values) == row.values);
}

struct Refused {
    const char* query;
    const char* parameter;
};
std::ostream& operator<<(std::ostream& out, const Refused& row) { return out << row.query; }

const std::array kRefused = {
    Refused{"colour=red", "colour"},
    Refused{"status=sold", "status"},
    Refused{"status=", "status"},
    Refused{"kind=house", "kind"},
    Refused{"land_use=M1;DROP TABLE parcels", "land_use"},
    Refused{"area_min=-1", "area_min"},
    Refused{"area_min=abc", "area_min"},
    Refused{"area_min=nan", "area_min"},
    Refused{"area_min=10&area_max=5", "area_min"},
    Refused{"rent_max=1e999", "rent_max"},
    Refused{"available_by=2026-02-30", "available_by"},
    Refused{"available_by=tomorrow", "available_by"},
    Refused{"kind=land&kind=office", "kind"},
    Refused{"industry=Electronics", "industry"},
    Refused{"industry=", "industry"},
    Refused{"min_fit=60", "min_fit"},  // a score needs an industry
    Refused{"industry=electronics&min_fit=101", "min_fit"},
    Refused{"industry=electronics&min_fit=6.5", "min_fit"},
};

BOOST_DATA_TEST_CASE(refused_queries_name_their_parameter, data::make(kRefused), row) {
    try {
        parse_filter(parse_query(row.query), kEndpoint);
        BOOST_FAIL("accepted " << row.query);
    } catch (const FilterError& error) {
        BOOST_TEST(error.parameter() == row.parameter);
    }
}

BOOST_AUTO_TEST_CASE(an_industry_the_profiles_do_not_list_is_refused_with_the_choices) {
    investmap::fit::IndustryProfiles profiles;
    profiles.industries.push_back({.id = "electronics"});
    profiles.industries.push_back({.id = "logistics"});
    BOOST_TEST(parse_filter(parse_query("industry=logistics"), {}, &profiles).industry.value_or("") == "logistics");
    try {
        parse_filter(parse_query("industry=textiles"), {}, &profiles);
        BOOST_FAIL("accepted an unknown industry");
    } catch (const FilterError& error) {
        BOOST_TEST(error.parameter() == "industry");
        BOOST_TEST(std::string(error.what()).find("electronics, logistics") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(only_an_industry_filter_joins_the_fit_scores) {
    BOOST_TEST(!to_sql(parse_filter(parse_query("kind=land")), kPublic).joins_fit);
    BOOST_TEST(to_sql(parse_filter(parse_query("industry=electronics")), kPublic).joins_fit);
    BOOST_TEST(canonical_query(parse_filter(parse_query("min_fit=070&industry=electronics"))) == "industry=electronics&min_fit=70");
}

BOOST_AUTO_TEST_CASE(staff_see_every_status_and_may_ask_for_one) {
    BOOST_TEST(to_sql(parse_filter(parse_query("status=reserved")), kAll).sql == "(status IN (?))");
    BOOST_TEST(to_sql(Filter{}, kAll).values.size() == 6u);
}

BOOST_AUTO_TEST_CASE(equal_filters_have_one_canonical_query) {
    const auto a = parse_filter(parse_query("kind=land,factory&area_min=1000.0&q=金山 1"));
    const auto b = parse_filter(parse_query("q=金山 1&area_min=1e3&kind=factory,land,land"));
    BOOST_TEST(canonical_query(a) == canonical_query(b));
    BOOST_TEST(canonical_query(a) == "kind=factory,land&area_min=1000&q=%E9%87%91%E5%B1%B1%201");
    BOOST_TEST(canonical_query(Filter{}) == "");
}
