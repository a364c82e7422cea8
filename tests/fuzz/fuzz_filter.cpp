// The filter grammar: a query string, decoded as the server decodes it,
// into a Filter and its SQL. A bad parameter is a FilterError;
// nothing else may escape, and the SQL never contains a value (all bound).
#include "filter/filter.hpp"
#include "text/url_query.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace investmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The parameters as the server hands them over: decoded, valid UTF-8.
    filter::QueryParameters query;
    try {
        query = text::parse_query(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const text::UrlError&) {
        return 0;
    }
    static constexpr std::string_view kEndpoint[] = {"bbox", "limit"};
    static constexpr std::string_view kVisible[] = {"available", "negotiating"};
    try {
        const filter::Filter parsed = filter::parse_filter(query, kEndpoint, nullptr);
        // Names parse_filter took are names the endpoints' own check takes.
        filter::check_parameter_names(query, kEndpoint, true);
        const filter::SqlCondition condition = filter::to_sql(parsed, kVisible);
        // No quoted value in the SQL text: the only literal is LIKE's escape.
        std::string sql = condition.sql;
        for (std::size_t at; (at = sql.find("ESCAPE '\\'")) != std::string::npos;) sql.erase(at, 11);
        if (sql.find('\'') != std::string::npos) std::abort();
        // The canonical query (what tile URLs carry) reads back as itself.
        const std::string canonical = filter::canonical_query(parsed);
        const auto again = text::parse_query(canonical);
        if (filter::canonical_query(filter::parse_filter(again, {}, nullptr)) != canonical) std::abort();
    } catch (const filter::FilterError&) {
    }
    // The check of endpoints without filters (accept_only) refuses or passes, nothing else.
    try {
        filter::check_parameter_names(query, kEndpoint, false);
    } catch (const filter::FilterError&) {
    }
    return 0;
}
