#include "fit/industry_profile.hpp"

#include "errors.hpp"
#include "store/parcel_model.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace investmap::fit {
namespace {

// Errors name the file and line, as staff edit the file by hand.
class ProfileReader {
public:
    explicit ProfileReader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const toml::source_region& where, const std::string& zh, const std::string& en) const {
        const std::string place = path_ + ":" + std::to_string(where.begin.line);
        throw InputError("产业配置 " + place + "：" + zh, "industry profiles " + place + ": " + en);
    }

    IndustryProfiles read(const toml::table& root) const {
        IndustryProfiles profiles;
        for (const auto& [key, node] : root) {
            if (key.str() != "industry") {
                fail(key.source(), "未知项 " + std::string(key.str()) + "（只应有 [[industry]] 表）",
                     "unknown key " + std::string(key.str()) + " (only [[industry]] tables belong here)");
            }
            const auto* list = node.as_array();
            if (!list || !list->is_array_of_tables()) fail(node.source(), "industry 应写作 [[industry]] 表", "write industry as [[industry]] tables");
            for (const auto& entry : *list) profiles.industries.push_back(read_industry(*entry.as_table()));
        }
        if (profiles.industries.empty()) {
            fail(root.source(), "至少要有一个 [[industry]]", "at least one [[industry]] is needed");
        }
        return profiles;
    }

private:
    IndustryProfile read_industry(const toml::table& table) const {
        IndustryProfile profile;
        for (const auto& [key, node] : table) read_key(profile, key, node);
        if (profile.id.empty()) fail(table.source(), "缺少 id", "id is missing");
        if (profile.name_zh.empty() || profile.name_en.empty()) {
            fail(table.source(), profile.id + " 缺少 name_zh 或 name_en", profile.id + " needs name_zh and name_en");
        }
        if (profile.color.empty()) fail(table.source(), profile.id + " 缺少 color", profile.id + " needs a color");
        const bool any_kind = std::ranges::any_of(profile.kinds, [](const auto& entry) { return entry.second > 0; });
        if (!any_kind) {
            fail(table.source(), profile.id + " 的 kinds 至少要有一个权重大于 0 的类型",
                 profile.id + ": kinds needs at least one kind with a weight above 0");
        }
        if (!seen_ids_.insert(profile.id).second) {
            fail(table.source(), "id " + profile.id + " 重复", "id " + profile.id + " is used twice");
        }
        return profile;
    }

    void read_key(IndustryProfile& profile, const toml::key& key, const toml::node& node) const {
        const std::string name(key.str());
        if (name == "id") {
            profile.id = identifier(node);
        } else if (name == "name_zh") {
            profile.name_zh = text(node, name);
        } else if (name == "name_en") {
            profile.name_en = text(node, name);
        } else if (name == "color") {
            profile.color = colour(node);
        } else if (name == "kinds") {
            profile.kinds = weights(node, name, [](std::string_view kind) { return vocabulary::find_kind(kind) != nullptr; },
                                    "land、factory、office", "land, factory, office");
        } else if (name == "land_uses") {
            profile.land_uses = weights(node, name, vocabulary::is_land_use_code, "GB 50137 代码，如 M1、B2",
                                        "GB 50137 codes such as M1, B2");
        } else if (name == "area_m2") {
            read_range(node, profile.area_min_m2, profile.area_max_m2);
        } else if (name == "power_min_kva") {
            profile.power_min_kva = number(node, name);
        } else if (name == "floor_height_min_m") {
            profile.floor_height_min_m = number(node, name);
        } else if (name == "floor_load_min_kn_m2") {
            profile.floor_load_min_kn_m2 = number(node, name);
        } else if (name == "rent_max_yuan_m2_month") {
            profile.rent_max_yuan_m2_month = number(node, name);
        } else if (name == "land_price_max_wan_per_mu") {
            profile.land_price_max_wan_per_mu = number(node, name);
        } else if (name == "parks") {
            profile.parks = texts(node, name);
        } else {
            fail(key.source(), "未知项 " + name + "（可用项见本文件开头的说明）",
                 "unknown key " + name + " (the comments at the top of the file list the keys)");
        }
    }

    std::string text(const toml::node& node, const std::string& name) const {
        const auto value = node.value<std::string>();
        if (!value || value->empty()) fail(node.source(), name + " 应为非空文本", name + " must be a non-empty string");
        return *value;
    }

    std::string identifier(const toml::node& node) const {
        const std::string id = text(node, "id");
        const bool ok = id.size() <= 40 && std::islower(static_cast<unsigned char>(id[0])) &&
                        std::ranges::all_of(id, [](char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'; });
        if (!ok) {
            fail(node.source(), "id “" + id + "” 只能用小写英文字母、数字和下划线，以字母开头",
                 "id '" + id + "' may only hold lower-case letters, digits and _, starting with a letter");
        }
        return id;
    }

    std::string colour(const toml::node& node) const {
        const std::string value = text(node, "color");
        const bool ok = value.size() == 7 && value[0] == '#' &&
                        std::all_of(value.begin() + 1, value.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
        if (!ok) fail(node.source(), "color 应形如 #1f77b4", "color must look like #1f77b4");
        return value;
    }

    double number(const toml::node& node, const std::string& name) const {
        std::optional<double> value;
        if (node.is_integer()) value = static_cast<double>(*node.value<std::int64_t>());
        if (node.is_floating_point()) value = node.value<double>();
        if (!value || !std::isfinite(*value) || *value < 0) {
            fail(node.source(), name + " 应为非负数", name + " must be a non-negative number");
        }
        return *value;
    }

    void read_range(const toml::node& node, std::optional<double>& low, std::optional<double>& high) const {
        const auto* pair = node.as_array();
        if (!pair || pair->size() != 2) fail(node.source(), "area_m2 应写作 [最小, 最大]", "area_m2 must be [min, max]");
        low = number(*pair->get(0), "area_m2");
        high = number(*pair->get(1), "area_m2");
        if (*low > *high) {
            fail(node.source(), "area_m2 范围颠倒：最小 " + format_number(*low) + " 大于最大 " + format_number(*high),
                 "area_m2 is the wrong way round: min " + format_number(*low) + " is above max " + format_number(*high));
        }
    }

    std::vector<std::string> texts(const toml::node& node, const std::string& name) const {
        const auto* list = node.as_array();
        if (!list) fail(node.source(), name + " 应为文本数组", name + " must be a list of strings");
        std::vector<std::string> items;
        for (const auto& item : *list) items.push_back(text(item, name));
        return items;
    }

    template <typename Known>
    std::map<std::string, double> weights(const toml::node& node, const std::string& name, Known is_known,
                                          const std::string& allowed_zh, const std::string& allowed_en) const {
        const auto* table = node.as_table();
        if (!table) fail(node.source(), name + " 应写作 { 代码 = 权重 }", name + " must be { code = weight }");
        std::map<std::string, double> result;
        for (const auto& [key, value] : *table) {
            const std::string code(key.str());
            if (!is_known(code)) {
                fail(key.source(), name + " 中的“" + code + "”无效，应为 " + allowed_zh,
                     "'" + code + "' in " + name + " is not valid; use " + allowed_en);
            }
            const double weight = number(value, name + "." + code);
            if (weight > 1) fail(value.source(), name + "." + code + " 的权重应在 0 到 1 之间", name + "." + code + " must weigh 0 to 1");
            result[code] = weight;
        }
        return result;
    }

    std::string path_;
    mutable std::set<std::string> seen_ids_;
};

nlohmann::json optional_number(const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::optional<double> read_optional(const nlohmann::json& object, const char* key) {
    if (!object.contains(key) || object.at(key).is_null()) return std::nullopt;
    return object.at(key).get<double>();
}

}  // namespace

const IndustryProfile* IndustryProfiles::find(std::string_view id) const {
    const auto found = std::ranges::find(industries, id, &IndustryProfile::id);
    return found == industries.end() ? nullptr : &*found;
}

std::string IndustryProfiles::id_list() const {
    std::string list;
    for (const auto& profile : industries) list += (list.empty() ? "" : ", ") + profile.id;
    return list;
}

std::string format_number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

IndustryProfiles parse_industry_profiles(std::string_view text, const std::string& path) {
    toml::table root;
    try {
        root = toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        const std::string place = path + ":" + std::to_string(error.source().begin.line);
        throw InputError("产业配置 " + place + " 格式错误：" + std::string(error.description()),
                         "industry profiles " + place + " are not valid TOML: " + std::string(error.description()));
    }
    return ProfileReader(path).read(root);
}

IndustryProfiles load_industry_profiles(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) throw InputError("无法读取产业配置 " + path, "cannot read industry profiles " + path);
    std::string text;
    char buffer[8192];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, got);
    std::fclose(file);
    return parse_industry_profiles(text, path);
}

nlohmann::json to_json(const IndustryProfiles& profiles) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : profiles.industries) {
        list.push_back({{"id", p.id},
                        {"name_zh", p.name_zh},
                        {"name_en", p.name_en},
                        {"color", p.color},
                        {"kinds", p.kinds},
                        {"land_uses", p.land_uses},
                        {"area_min_m2", optional_number(p.area_min_m2)},
                        {"area_max_m2", optional_number(p.area_max_m2)},
                        {"power_min_kva", optional_number(p.power_min_kva)},
                        {"floor_height_min_m", optional_number(p.floor_height_min_m)},
                        {"floor_load_min_kn_m2", optional_number(p.floor_load_min_kn_m2)},
                        {"rent_max_yuan_m2_month", optional_number(p.rent_max_yuan_m2_month)},
                        {"land_price_max_wan_per_mu", optional_number(p.land_price_max_wan_per_mu)},
                        {"parks", p.parks}});
    }
    return list;
}

IndustryProfiles profiles_from_json(const nlohmann::json& document) {
    IndustryProfiles profiles;
    for (const auto& item : document) {
        IndustryProfile p;
        p.id = item.at("id").get<std::string>();
        p.name_zh = item.at("name_zh").get<std::string>();
        p.name_en = item.at("name_en").get<std::string>();
        p.color = item.at("color").get<std::string>();
        p.kinds = item.at("kinds").get<std::map<std::string, double>>();
        p.land_uses = item.at("land_uses").get<std::map<std::string, double>>();
        p.area_min_m2 = read_optional(item, "area_min_m2");
        p.area_max_m2 = read_optional(item, "area_max_m2");
        p.power_min_kva = read_optional(item, "power_min_kva");
        p.floor_height_min_m = read_optional(item, "floor_height_min_m");
        p.floor_load_min_kn_m2 = read_optional(item, "floor_load_min_kn_m2");
        p.rent_max_yuan_m2_month = read_optional(item, "rent_max_yuan_m2_month");
        p.land_price_max_wan_per_mu = read_optional(item, "land_price_max_wan_per_mu");
        p.parks = item.at("parks").get<std::vector<std::string>>();
        profiles.industries.push_back(std::move(p));
    }
    return profiles;
}

nlohmann::json requirements_in_words(const IndustryProfile& p) {
    nlohmann::json lines = nlohmann::json::array();
    const auto line = [&](const std::string& zh, const std::string& en) { lines.push_back({{"zh", zh}, {"en", en}}); };
    std::string kinds_zh, kinds_en;
    for (const auto& [kind, weight] : p.kinds) {
        if (weight <= 0) continue;
        kinds_zh += (kinds_zh.empty() ? "" : "、") + std::string(vocabulary::label_of(vocabulary::kKinds, kind, "zh"));
        kinds_en += (kinds_en.empty() ? "" : ", ") + kind;
    }
    line("类型：" + kinds_zh, "kinds: " + kinds_en);
    if (!p.land_uses.empty()) {
        std::string codes;
        for (const auto& [code, weight] : p.land_uses) {
            if (weight > 0) codes += (codes.empty() ? "" : ", ") + code;
        }
        line("用地性质：" + codes, "land use: " + codes);
    }
    if (p.area_min_m2 || p.area_max_m2) {
        const std::string range = format_number(p.area_min_m2.value_or(0)) + "–" +
                                  (p.area_max_m2 ? format_number(*p.area_max_m2) : "");
        line("面积 " + range + " m²", "area " + range + " m²");
    }
    if (p.power_min_kva) line("电力容量不低于 " + format_number(*p.power_min_kva) + " kVA", "power at least " + format_number(*p.power_min_kva) + " kVA");
    if (p.floor_height_min_m) line("层高不低于 " + format_number(*p.floor_height_min_m) + " m", "floor height at least " + format_number(*p.floor_height_min_m) + " m");
    if (p.floor_load_min_kn_m2) line("楼面荷载不低于 " + format_number(*p.floor_load_min_kn_m2) + " kN/m²", "floor load at least " + format_number(*p.floor_load_min_kn_m2) + " kN/m²");
    if (p.rent_max_yuan_m2_month) line("租金不高于 " + format_number(*p.rent_max_yuan_m2_month) + " 元/m²·月", "rent at most " + format_number(*p.rent_max_yuan_m2_month) + " yuan/m²/month");
    if (p.land_price_max_wan_per_mu) line("地价不高于 " + format_number(*p.land_price_max_wan_per_mu) + " 万元/亩", "land price at most " + format_number(*p.land_price_max_wan_per_mu) + " 10k yuan/mu");
    if (!p.parks.empty()) {
        std::string parks;
        for (const auto& park : p.parks) parks += (parks.empty() ? "" : "、") + park;
        line("优先园区：" + parks, "preferred parks: " + parks);
    }
    return lines;
}

}  // namespace investmap::fit
