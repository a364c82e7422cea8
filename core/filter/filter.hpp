#pragma once
// The one filter grammar of every endpoint that returns parcels (PRODUCT.md,
// "Filters"): query parameters → a typed Filter → an SQL condition whose
// values are all bound. Column names come from this file, never from input.
#include "fit/industry_profile.hpp"
#include "store/sqlite.hpp"

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace investmap::filter {

using QueryParameters = std::vector<std::pair<std::string, std::string>>;

// A bad parameter: the HTTP layer answers 400 naming `parameter`.
class FilterError : public std::runtime_error {
public:
    FilterError(std::string parameter, const std::string& message)
        : std::runtime_error(message), parameter_(std::move(parameter)) {}
    const std::string& parameter() const { return parameter_; }

private:
    std::string parameter_;
};

struct Filter {
    std::vector<std::string> statuses;   // empty: every visible status
    std::vector<std::string> kinds;
    std::vector<std::string> land_uses;
    std::vector<std::string> parks;
    std::optional<double> area_min;      // m²
    std::optional<double> area_max;
    std::optional<double> rent_max;      // 元/m²/month
    std::optional<double> power_min;     // kVA
    std::optional<std::string> available_by;  // YYYY-MM-DD
    std::optional<std::string> text;     // q=
    std::optional<std::string> industry; // an id from the industry profiles
    std::optional<int> min_fit;          // 0–100; needs industry

    bool operator==(const Filter&) const = default;
};

// Bounds on a value: items in a list parameter, bytes of the search text.
inline constexpr std::size_t kMaxListItems = 50;
inline constexpr std::size_t kMaxTextBytes = 200;

// Refuses a name given twice (ambiguous for every parameter), or one that is
// neither in `allowed` nor, with `filters`, a filter parameter: FilterError
// naming it.
void check_parameter_names(const QueryParameters& query, std::span<const std::string_view> allowed, bool filters);

// The value of parameter `name` in `query`, if given.
std::optional<std::string> parameter_value(const QueryParameters& query, std::string_view name);

// Reads the filter from a query. `endpoint_parameters` are the endpoint's own
// names (bbox, limit …), left for the caller; any other name is an error, as
// is a bad value or a name given twice. With `industries`, an industry id
// they do not list is an error too.
Filter parse_filter(const QueryParameters& query, std::span<const std::string_view> endpoint_parameters = {},
                    const fit::IndustryProfiles* industries = nullptr);

// The filter as a query string in one canonical order ("" for no filter):
// equal filters give equal strings, for cache keys and the URLs we hand out.
std::string canonical_query(const Filter& filter);

// Percent-encodes all but RFC 3986's unreserved characters and commas.
std::string percent_encode(std::string_view text);

using SqlValue = std::variant<double, std::string>;

struct SqlCondition {
    std::string sql = "1";  // for WHERE; "1" when nothing is filtered
    std::vector<SqlValue> values;  // bound in order to the ?s of `sql`
    // The condition names fit.industry and fit.score: the query must join
    // kFitJoin (its own text, no values), and may select fit.score.
    bool joins_fit = false;
};

inline constexpr std::string_view kFitJoin = " JOIN parcel_fit AS fit ON fit.parcel_id = p.id ";

// The condition on `parcels AS p` for what `filter` asks and the caller may
// see: `visible_statuses` limits the statuses whatever the filter says.
SqlCondition to_sql(const Filter& filter, std::span<const std::string_view> visible_statuses);

// Binds the condition's values to parameters `first`, `first + 1`, …;
// returns the next free parameter.
int bind_condition(store::Statement& statement, const SqlCondition& condition, int first);

}  // namespace investmap::filter
