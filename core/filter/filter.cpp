#include "filter/filter.hpp"

#include "store/parcel_model.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <set>

namespace investmap::filter {
namespace {

[[noreturn]] void bad(std::string_view name, const std::string& zh, const std::string& en) {
    throw FilterError(std::string(name), zh + " / " + en);
}

std::vector<std::string> split_list(std::string_view name, std::string_view value) {
    std::set<std::string> items;  // sorted and without repeats: one canonical form
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t comma = std::min(value.find(',', start), value.size());
        if (comma > start) items.emplace(value.substr(start, comma - start));
        start = comma + 1;
    }
    if (items.empty()) bad(name, "参数 " + std::string(name) + " 为空", "parameter " + std::string(name) + " is empty");
    if (items.size() > kMaxListItems) bad(name, "参数 " + std::string(name) + " 的值太多", "too many values for " + std::string(name));
    return {items.begin(), items.end()};
}

template <typename Check>
std::vector<std::string> checked_list(std::string_view name, std::string_view value, Check is_known, std::string_view allowed) {
    std::vector<std::string> items = split_list(name, value);
    for (const std::string& item : items) {
        if (!is_known(item)) {
            bad(name, "参数 " + std::string(name) + " 的值“" + item + "”无效，可用：" + std::string(allowed),
                "unknown " + std::string(name) + " '" + item + "'; use " + std::string(allowed));
        }
    }
    return items;
}

double non_negative_number(std::string_view name, std::string_view value) {
    double number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc{} || end != value.data() + value.size() || !std::isfinite(number) || number < 0) {
        bad(name, "参数 " + std::string(name) + " 应为非负数，而不是“" + std::string(value) + "”",
            std::string(name) + " must be a non-negative number, not '" + std::string(value) + "'");
    }
    return number;
}

std::string iso_date(std::string_view name, std::string_view value) {
    unsigned year = 0, month = 0, day = 0;
    int consumed = 0;
    const std::string text(value);
    const bool shaped = value.size() == 10 && std::sscanf(text.c_str(), "%4u-%2u-%2u%n", &year, &month, &day, &consumed) == 3 &&
                        consumed == 10;
    const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(year)), std::chrono::month(month),
                                           std::chrono::day(day)};
    if (!shaped || !date.ok()) {
        bad(name, "参数 " + std::string(name) + " 应为 YYYY-MM-DD 日期", std::string(name) + " must be a date YYYY-MM-DD");
    }
    return text;
}

int fit_score(std::string_view name, std::string_view value) {
    int number = -1;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc{} || end != value.data() + value.size() || number < 0 || number > 100) {
        bad(name, "参数 " + std::string(name) + " 应为 0 到 100 的整数", std::string(name) + " must be an integer from 0 to 100");
    }
    return number;
}

std::string industry_id(std::string_view name, std::string_view value, const fit::IndustryProfiles* industries) {
    const std::string id(value);
    if (industries && !industries->find(id)) {
        bad(name, "未知产业“" + id + "”，可用：" + industries->id_list(), "unknown industry '" + id + "'; use " + industries->id_list());
    }
    const bool shaped = !id.empty() && id.size() <= 40 && std::ranges::all_of(id, [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
    if (!shaped) bad(name, "产业代码“" + id + "”无效", "industry id '" + id + "' is not valid");
    return id;
}

void apply(Filter& filter, std::string_view name, std::string_view value, const fit::IndustryProfiles* industries) {
    if (name == "status") {
        filter.statuses = checked_list(name, value, [](const std::string& s) { return vocabulary::find_status(s) != nullptr; },
                                       vocabulary::joined_codes(vocabulary::kStatuses));
    } else if (name == "kind") {
        filter.kinds = checked_list(name, value, [](const std::string& k) { return vocabulary::find_kind(k) != nullptr; },
                                    vocabulary::joined_codes(vocabulary::kKinds));
    } else if (name == "land_use") {
        filter.land_uses = checked_list(name, value, vocabulary::is_land_use_code, "GB 50137 codes such as M1, W1, B2");
    } else if (name == "park") {
        filter.parks = split_list(name, value);
    } else if (name == "area_min") {
        filter.area_min = non_negative_number(name, value);
    } else if (name == "area_max") {
        filter.area_max = non_negative_number(name, value);
    } else if (name == "rent_max") {
        filter.rent_max = non_negative_number(name, value);
    } else if (name == "power_min") {
        filter.power_min = non_negative_number(name, value);
    } else if (name == "available_by") {
        filter.available_by = iso_date(name, value);
    } else if (name == "q") {
        if (value.size() > kMaxTextBytes) bad(name, "搜索词太长", "search text is too long");
        if (!value.empty()) filter.text = std::string(value);
    } else if (name == "industry") {
        filter.industry = industry_id(name, value, industries);
    } else if (name == "min_fit") {
        filter.min_fit = fit_score(name, value);
    }
}

std::string format_number(double number) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, number).ptr;
    return {text, end};
}

std::string join(const std::vector<std::string>& items) {
    std::string joined;
    for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
    return joined;
}

}  // namespace

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

namespace {

// LIKE pattern that matches `text` anywhere, with % and _ taken literally.
std::string contains_pattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

class ConditionBuilder {
public:
    void in(std::string_view column, const std::vector<std::string>& items) {
        std::string sql = std::string(column) + " IN (";
        for (std::size_t i = 0; i < items.size(); ++i) {
            sql += i ? ", ?" : "?";
            condition_.values.emplace_back(items[i]);
        }
        add(sql + ")");
    }
    void compare(std::string_view column, std::string_view op, const std::optional<double>& value) {
        if (!value) return;
        add(std::string(column) + " " + std::string(op) + " ?");
        condition_.values.emplace_back(*value);
    }
    void add(const std::string& sql, std::initializer_list<SqlValue> values = {}) {
        parts_.push_back(sql);
        condition_.values.insert(condition_.values.end(), values);
    }
    SqlCondition finish() {
        if (!parts_.empty()) {
            condition_.sql.clear();
            for (const auto& part : parts_) condition_.sql += (condition_.sql.empty() ? "(" : " AND (") + part + ")";
        }
        return std::move(condition_);
    }

private:
    std::vector<std::string> parts_;
    SqlCondition condition_;
};

}  // namespace

std::optional<std::string> parameter_value(const QueryParameters& query, std::string_view name) {
    for (const auto& [key, value] : query) {
        if (key == name) return value;
    }
    return std::nullopt;
}

namespace {

// Whether `name` is one of `allowed` (the endpoint's own); refuses it when
// it was `seen` already or is neither allowed nor, with `filters`, a filter.
bool is_endpoint_parameter(std::set<std::string_view>& seen, std::string_view name, std::span<const std::string_view> allowed,
                           bool filters) {
    // Twice is ambiguous for every parameter, the endpoint's own (bbox,
    // limit …) included: refused rather than the first one winning.
    if (!seen.insert(name).second) bad(name, "参数 " + std::string(name) + " 重复", "parameter " + std::string(name) + " is given twice");
    if (std::ranges::find(allowed, name) != allowed.end()) return true;
    if (!filters || !vocabulary::find_filter_parameter(name)) bad(name, "未知参数 " + std::string(name), "unknown parameter " + std::string(name));
    return false;
}

}  // namespace

void check_parameter_names(const QueryParameters& query, std::span<const std::string_view> allowed, bool filters) {
    std::set<std::string_view> seen;
    for (const auto& [name, value] : query) is_endpoint_parameter(seen, name, allowed, filters);
}

Filter parse_filter(const QueryParameters& query, std::span<const std::string_view> endpoint_parameters,
                    const fit::IndustryProfiles* industries) {
    Filter filter;
    std::set<std::string_view> seen;
    for (const auto& [name, value] : query) {
        if (!is_endpoint_parameter(seen, name, endpoint_parameters, true)) apply(filter, name, value, industries);
    }
    if (filter.min_fit && !filter.industry) {
        bad("min_fit", "min_fit 需要同时给出 industry", "min_fit needs industry as well");
    }
    if (filter.area_min && filter.area_max && *filter.area_min > *filter.area_max) {
        bad("area_min", "area_min 大于 area_max", "area_min is larger than area_max");
    }
    return filter;
}

std::string canonical_query(const Filter& filter) {
    std::vector<std::pair<std::string_view, std::string>> parts;  // in kNames order
    const auto list = [&](std::string_view name, const std::vector<std::string>& items) {
        if (!items.empty()) parts.emplace_back(name, join(items));
    };
    const auto number = [&](std::string_view name, const std::optional<double>& value) {
        if (value) parts.emplace_back(name, format_number(*value));
    };
    list("status", filter.statuses);
    list("kind", filter.kinds);
    list("land_use", filter.land_uses);
    list("park", filter.parks);
    number("area_min", filter.area_min);
    number("area_max", filter.area_max);
    number("rent_max", filter.rent_max);
    number("power_min", filter.power_min);
    if (filter.available_by) parts.emplace_back("available_by", *filter.available_by);
    if (filter.text) parts.emplace_back("q", *filter.text);
    if (filter.industry) parts.emplace_back("industry", *filter.industry);
    if (filter.min_fit) parts.emplace_back("min_fit", std::to_string(*filter.min_fit));
    std::string query;
    for (const auto& [name, value] : parts) query += (query.empty() ? "" : "&") + std::string(name) + "=" + percent_encode(value);
    return query;
}

int bind_condition(store::Statement& statement, const SqlCondition& condition, int first) {
    for (const SqlValue& value : condition.values) {
        std::visit([&](const auto& v) { statement.bind(first, v); }, value);
        ++first;
    }
    return first;
}

SqlCondition to_sql(const Filter& filter, std::span<const std::string_view> visible_statuses) {
    ConditionBuilder where;
    std::vector<std::string> statuses;
    for (std::string_view status : visible_statuses) {
        if (filter.statuses.empty() || std::ranges::find(filter.statuses, status) != filter.statuses.end()) {
            statuses.emplace_back(status);
        }
    }
    if (statuses.empty()) where.add("0");  // asks only for what the caller may not see
    else where.in("status", statuses);
    if (!filter.kinds.empty()) where.in("kind", filter.kinds);
    if (!filter.land_uses.empty()) where.in("land_use", filter.land_uses);
    if (!filter.parks.empty()) where.in("park", filter.parks);
    where.compare("area_m2", ">=", filter.area_min);
    where.compare("area_m2", "<=", filter.area_max);
    where.compare("rent_yuan_m2_month", "<=", filter.rent_max);
    where.compare("power_kva", ">=", filter.power_min);
    if (filter.available_by) where.add("available_from IS NULL OR available_from <= ?", {*filter.available_by});
    if (filter.text) {
        const std::string pattern = contains_pattern(*filter.text);
        where.add("name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\' OR park LIKE ? ESCAPE '\\'",
                  {pattern, pattern, pattern, pattern});
    }
    if (filter.industry) {
        where.add("fit.industry = ?", {*filter.industry});
        where.compare("fit.score", ">=", filter.min_fit ? std::optional<double>(*filter.min_fit) : std::nullopt);
    }
    SqlCondition condition = where.finish();
    condition.joins_fit = filter.industry.has_value();
    return condition;
}

}  // namespace investmap::filter
