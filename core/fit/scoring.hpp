#pragma once
// The fit score of a parcel for an industry: 0–100 with the reasons in words.
//
// How it is computed (data/industries.toml repeats this for staff):
// - a kind or land use the profile does not list makes the score 0;
// - otherwise the score is 100 × the kind's weight × the land use's weight ×
//   one factor per other requirement: 1 when met, less the further it is
//   missed (a parcel with 630 kVA for a 1250 kVA need gets 630/1250), never
//   below a floor so one shortfall does not hide a site, and a fixed
//   discount when the parcel does not say (the value is unknown);
// - floor height, floor load and rent apply to buildings, land price to land.
#include "fit/industry_profile.hpp"

#include <optional>
#include <string>
#include <vector>

namespace investmap::store {
struct ParcelRecord;
}

namespace investmap::fit {

// What scoring reads of a parcel.
struct SiteFacts {
    std::string kind;  // land | factory | office
    std::optional<std::string> land_use;
    std::optional<double> area_m2;
    std::optional<double> power_kva;
    std::optional<double> floor_height_m;
    std::optional<double> floor_load_kn_m2;
    std::optional<double> rent_yuan_m2_month;
    std::optional<double> land_price_wan_per_mu;
    std::optional<std::string> park;
};

SiteFacts site_facts(const store::ParcelRecord& parcel);

struct FitReason {
    bool met;  // false: the requirement is missed or unknown
    std::string zh;
    std::string en;
};

struct FitScore {
    int score = 0;  // 0–100
    std::vector<FitReason> reasons;
};

// The score with its reasons.
FitScore score_site(const IndustryProfile& profile, const SiteFacts& site);
// The score alone, without formatting reasons: for scoring whole districts.
int fit_score(const IndustryProfile& profile, const SiteFacts& site);

// Reasons as [{"met": …, "zh": …, "en": …}].
nlohmann::json reasons_json(const std::vector<FitReason>& reasons);

}  // namespace investmap::fit
