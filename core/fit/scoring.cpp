#include "fit/scoring.hpp"

#include "store/parcel_model.hpp"

#include <algorithm>
#include <cmath>

namespace investmap::fit {
namespace {

using store::field;

// A missed requirement lowers the score by the ratio of what the parcel has
// to what is needed, but not below these floors; an unknown value costs a
// fixed discount. Tuned so a site missing one thing by half still shows as
// "partial fit" (40–59) rather than disappearing.
constexpr double kShortfallFloor = 0.3;
constexpr double kUnknownFactor = 0.85;
constexpr double kOutsidePreferredParks = 0.85;

std::optional<double> number(const store::ParcelRecord& parcel, std::size_t index) {
    const auto* value = std::get_if<double>(&parcel[index]);
    return value ? std::optional<double>(*value) : std::nullopt;
}

std::optional<std::string> text(const store::ParcelRecord& parcel, std::size_t index) {
    const auto* value = std::get_if<std::string>(&parcel[index]);
    return value ? std::optional<std::string>(*value) : std::nullopt;
}

std::string listed(const std::map<std::string, double>& weights, const char* separator, bool chinese_kinds) {
    std::string names;
    for (const auto& [name, weight] : weights) {
        if (weight > 0) names += (names.empty() ? "" : separator) + (chinese_kinds ? std::string(vocabulary::label_of(vocabulary::kKinds, name, "zh")) : name);
    }
    return names;
}

// Walks the requirements once. Explaining costs string formatting, which
// scoring every parcel for every industry does not need: the words are
// built only when `explain` is set.
class Scorer {
public:
    Scorer(const IndustryProfile& profile, const SiteFacts& site, bool explain)
        : profile_(profile), site_(site), explain_(explain) {}

    FitScore run() {
        if (!kind() || !land_use()) return {0, std::move(reasons_)};
        area();
        at_least(site_.power_kva, profile_.power_min_kva, "电力容量", "power", "kVA");
        if (site_.kind != "land") {
            at_least(site_.floor_height_m, profile_.floor_height_min_m, "层高", "floor height", "m");
            at_least(site_.floor_load_kn_m2, profile_.floor_load_min_kn_m2, "楼面荷载", "floor load", "kN/m²");
            at_most(site_.rent_yuan_m2_month, profile_.rent_max_yuan_m2_month, "租金", "rent", "元/m²·月", "yuan/m²/month");
        } else {
            at_most(site_.land_price_wan_per_mu, profile_.land_price_max_wan_per_mu, "地价", "land price", "万元/亩", "10k yuan/mu");
        }
        park();
        const int score = static_cast<int>(std::lround(std::clamp(100.0 * factor_, 0.0, 100.0)));
        // A suitable site never rounds down to "unsuitable".
        return {std::max(score, 1), std::move(reasons_)};
    }

private:
    struct Words {
        std::string zh;
        std::string en;
    };

    // `words` is a function returning Words, called only when explaining.
    template <typename MakeWords>
    void reason(bool met, MakeWords&& words) {
        if (!explain_) return;
        Words text = words();
        reasons_.push_back({met, std::move(text.zh), std::move(text.en)});
    }

    bool kind() {
        const auto found = profile_.kinds.find(site_.kind);
        const double weight = found == profile_.kinds.end() ? 0.0 : found->second;
        const std::string& kind = site_.kind;
        if (weight <= 0) {
            reason(false, [&] {
                return Words{"类型“" + std::string(vocabulary::label_of(vocabulary::kKinds, kind, "zh")) + "”不适合（适合：" + listed(profile_.kinds, "、", true) + "）",
                             "kind " + kind + " does not suit (suitable: " + listed(profile_.kinds, ", ", false) + ")"};
            });
            return false;
        }
        factor_ *= weight;
        reason(true, [&] {
            return Words{"类型“" + std::string(vocabulary::label_of(vocabulary::kKinds, kind, "zh")) + "”适合，权重 " + format_number(weight),
                         "kind " + kind + " suits, weight " + format_number(weight)};
        });
        return true;
    }

    bool land_use() {
        if (profile_.land_uses.empty()) return true;
        if (!site_.land_use) {
            factor_ *= kUnknownFactor;
            reason(false, [] { return Words{"用地性质未知", "land use unknown"}; });
            return true;
        }
        const std::string& code = *site_.land_use;
        const auto found = profile_.land_uses.find(code);
        const double weight = found == profile_.land_uses.end() ? 0.0 : found->second;
        if (weight <= 0) {
            reason(false, [&] {
                return Words{"用地性质 " + code + " 不适合（适合：" + listed(profile_.land_uses, "、", false) + "）",
                             "land use " + code + " does not suit (suitable: " + listed(profile_.land_uses, ", ", false) + ")"};
            });
            return false;
        }
        factor_ *= weight;
        reason(true, [&] {
            return Words{"用地性质 " + code + " 适合，权重 " + format_number(weight),
                         "land use " + code + " suits, weight " + format_number(weight)};
        });
        return true;
    }

    void area() {
        if (!profile_.area_min_m2 && !profile_.area_max_m2) return;
        if (!site_.area_m2) return unknown("面积", "area");
        const double low = profile_.area_min_m2.value_or(0);
        const double area = *site_.area_m2;
        const auto words = [&](const char* zh, const char* en) {
            return [=, this] {
                const std::string range = format_number(low) + "–" + (profile_.area_max_m2 ? format_number(*profile_.area_max_m2) : "");
                const std::string shown = format_number(std::round(area));
                return Words{"面积 " + shown + " m²，" + zh + range + " m²", "area " + shown + " m²" + en + range + " m²"};
            };
        };
        if (area < low) {
            shortfall(area / low);
            reason(false, words("小于要求的 ", ", below the required "));
        } else if (profile_.area_max_m2 && area > *profile_.area_max_m2) {
            shortfall(*profile_.area_max_m2 / area);
            reason(false, words("大于要求的 ", ", above the required "));
        } else {
            reason(true, words("符合要求的 ", " within the required "));
        }
    }

    void at_least(const std::optional<double>& value, const std::optional<double>& needed, const char* zh, const char* en,
                  const char* unit) {
        if (!needed) return;
        if (!value) return unknown(zh, en);
        const bool met = *value >= *needed;
        if (!met) shortfall(*needed > 0 ? *value / *needed : 1.0);
        reason(met, [&] {
            const std::string has = format_number(*value) + " " + unit, wants = format_number(*needed) + " " + unit;
            return met ? Words{std::string(zh) + " " + has + "，满足要求的 " + wants, std::string(en) + " " + has + " meets the required " + wants}
                       : Words{std::string(zh) + " " + has + "，低于要求的 " + wants, std::string(en) + " " + has + ", below the required " + wants};
        });
    }

    void at_most(const std::optional<double>& value, const std::optional<double>& limit, const char* zh, const char* en,
                 const char* unit_zh, const char* unit_en) {
        if (!limit) return;
        if (!value) return unknown(zh, en);
        const bool met = *value <= *limit;
        if (!met) shortfall(*value > 0 ? *limit / *value : 1.0);
        reason(met, [&] {
            const std::string has_zh = format_number(*value) + " " + unit_zh, cap_zh = format_number(*limit) + " " + unit_zh;
            const std::string has_en = format_number(*value) + " " + unit_en, cap_en = format_number(*limit) + " " + unit_en;
            return met ? Words{std::string(zh) + " " + has_zh + "，不高于上限 " + cap_zh, std::string(en) + " " + has_en + " within the limit of " + cap_en}
                       : Words{std::string(zh) + " " + has_zh + "，高于上限 " + cap_zh, std::string(en) + " " + has_en + ", above the limit of " + cap_en};
        });
    }

    void park() {
        if (profile_.parks.empty()) return;
        if (site_.park && std::ranges::find(profile_.parks, *site_.park) != profile_.parks.end()) {
            reason(true, [&] { return Words{"位于优先园区 " + *site_.park, "in the preferred park " + *site_.park}; });
            return;
        }
        factor_ *= kOutsidePreferredParks;
        reason(false, [] { return Words{"不在优先园区内", "not in a preferred park"}; });
    }

    void unknown(const char* zh, const char* en) {
        factor_ *= kUnknownFactor;
        reason(false, [&] { return Words{std::string(zh) + "未知", std::string(en) + " unknown"}; });
    }

    void shortfall(double ratio) { factor_ *= std::clamp(ratio, kShortfallFloor, 1.0); }

    const IndustryProfile& profile_;
    const SiteFacts& site_;
    bool explain_;
    double factor_ = 1.0;
    std::vector<FitReason> reasons_;
};

}  // namespace

SiteFacts site_facts(const store::ParcelRecord& parcel) {
    SiteFacts site;
    site.kind = text(parcel, field("kind")).value_or("");
    site.land_use = text(parcel, field("land_use"));
    site.area_m2 = number(parcel, field("area_m2"));
    if (!site.area_m2) site.area_m2 = number(parcel, field("floor_area_m2"));
    site.power_kva = number(parcel, field("power_kva"));
    site.floor_height_m = number(parcel, field("floor_height_m"));
    site.floor_load_kn_m2 = number(parcel, field("floor_load_kn_m2"));
    site.rent_yuan_m2_month = number(parcel, field("rent_yuan_m2_month"));
    site.land_price_wan_per_mu = number(parcel, field("land_price_wan_per_mu"));
    site.park = text(parcel, field("park"));
    return site;
}

FitScore score_site(const IndustryProfile& profile, const SiteFacts& site) { return Scorer(profile, site, true).run(); }

int fit_score(const IndustryProfile& profile, const SiteFacts& site) { return Scorer(profile, site, false).run().score; }

nlohmann::json reasons_json(const std::vector<FitReason>& reasons) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : reasons) list.push_back({{"met", r.met}, {"zh", r.zh}, {"en", r.en}});
    return list;
}

}  // namespace investmap::fit
