#pragma once
// The district's target industries and what each needs from a site
// (PRODUCT.md, "Industry fit"). Staff write them in data/industries.toml;
// load_industry_profiles() checks the file once and names the line of any
// mistake, so scoring never sees a bad profile.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace investmap::fit {

struct IndustryProfile {
    std::string id;       // used in URLs: industry=electronics
    std::string name_zh;
    std::string name_en;
    std::string color;    // #rrggbb
    std::map<std::string, double> kinds;      // land | factory | office → weight 0–1; unlisted: unsuitable
    std::map<std::string, double> land_uses;  // GB 50137 code → weight 0–1; empty: any land use
    std::optional<double> area_min_m2;
    std::optional<double> area_max_m2;
    std::optional<double> power_min_kva;
    std::optional<double> floor_height_min_m;     // buildings only
    std::optional<double> floor_load_min_kn_m2;   // buildings only
    std::optional<double> rent_max_yuan_m2_month; // buildings only
    std::optional<double> land_price_max_wan_per_mu;  // land only
    std::vector<std::string> parks;           // preferred; empty: no preference

    bool operator==(const IndustryProfile&) const = default;
};

struct IndustryProfiles {
    std::vector<IndustryProfile> industries;  // in file order

    const IndustryProfile* find(std::string_view id) const;
    // "electronics, new_materials, …": for messages naming the choices.
    std::string id_list() const;
    bool operator==(const IndustryProfiles&) const = default;
};

// Reads and checks the file; throws InputError naming file, line and reason.
IndustryProfiles load_industry_profiles(const std::string& path);
// The same checks on text already in memory; `path` only names it in errors.
IndustryProfiles parse_industry_profiles(std::string_view text, const std::string& path);

// Profiles as JSON and back: the database keeps the set it scored with.
nlohmann::json to_json(const IndustryProfiles& profiles);
IndustryProfiles profiles_from_json(const nlohmann::json& document);

// A profile's requirements in words, one {"zh": …, "en": …} per line.
nlohmann::json requirements_in_words(const IndustryProfile& profile);

// A number the way people write it: 1250, 4.5, 0.8 (no trailing zeros).
std::string format_number(double value);

}  // namespace investmap::fit
