#include "fit/fit_store.hpp"

namespace investmap::fit {
namespace {

// Replaces one parcel's scores, reusing two prepared statements.
class ScoreWriter {
public:
    ScoreWriter(store::Database& db, const IndustryProfiles& profiles)
        : profiles_(profiles),
          remove_(db.prepare("DELETE FROM parcel_fit WHERE parcel_id = ?")),
          insert_(db.prepare("INSERT INTO parcel_fit (parcel_id, industry, score) VALUES (?, ?, ?)")) {}

    void write(std::int64_t parcel_id, const SiteFacts& site, bool replace) {
        if (replace) remove_.bind(1, parcel_id).run();
        for (const IndustryProfile& profile : profiles_.industries) {
            insert_.bind(1, parcel_id).bind(2, profile.id).bind(3, fit_score(profile, site)).run();
        }
    }

private:
    const IndustryProfiles& profiles_;
    store::Statement remove_;
    store::Statement insert_;
};

}  // namespace

std::string site_fact_columns(std::string_view prefix) {
    const std::string p(prefix);
    return p + "kind, " + p + "land_use, coalesce(" + p + "area_m2, " + p + "floor_area_m2), " + p + "power_kva, " + p +
           "floor_height_m, " + p + "floor_load_kn_m2, " + p + "rent_yuan_m2_month, " + p + "land_price_wan_per_mu, " + p + "park";
}

SiteFacts read_site_facts(const store::Statement& row, int first) {
    SiteFacts site;
    site.kind = row.column_text(first);
    site.land_use = row.optional_text(first + 1);
    site.area_m2 = row.optional_double(first + 2);
    site.power_kva = row.optional_double(first + 3);
    site.floor_height_m = row.optional_double(first + 4);
    site.floor_load_kn_m2 = row.optional_double(first + 5);
    site.rent_yuan_m2_month = row.optional_double(first + 6);
    site.land_price_wan_per_mu = row.optional_double(first + 7);
    site.park = row.optional_text(first + 8);
    return site;
}

std::optional<IndustryProfiles> stored_profiles(store::Database& db) {
    const std::string text = db.query_text("SELECT value FROM meta WHERE key = 'industries'");
    if (text.empty()) return std::nullopt;
    return profiles_from_json(nlohmann::json::parse(text));
}

std::int64_t rescore_all(store::Database& db, const IndustryProfiles& profiles) {
    // The score index is built once after the rows rather than kept sorted
    // through hundreds of thousands of scattered inserts.
    db.exec("DROP INDEX parcel_fit_by_score");
    db.exec("DELETE FROM parcel_fit");
    ScoreWriter writer(db, profiles);
    auto parcels = db.prepare("SELECT id, " + site_fact_columns("") + " FROM parcels");
    std::int64_t scored = 0;
    while (parcels.step()) {
        writer.write(parcels.column_int64(0), read_site_facts(parcels, 1), false);
        ++scored;
    }
    db.exec("CREATE INDEX parcel_fit_by_score ON parcel_fit (industry, score)");
    db.prepare("UPDATE meta SET value = ? WHERE key = 'industries'").bind(1, to_json(profiles).dump()).run();
    return scored;
}

void rescore_codes(store::Database& db, const IndustryProfiles& profiles, const std::vector<std::string>& codes) {
    ScoreWriter writer(db, profiles);
    auto parcel = db.prepare("SELECT id, " + site_fact_columns("") + " FROM parcels WHERE code = ?");
    for (const std::string& code : codes) {
        parcel.bind(1, code);
        if (parcel.step()) writer.write(parcel.column_int64(0), read_site_facts(parcel, 1), true);
        parcel.reset();
    }
}

}  // namespace investmap::fit
