#include "importers/context_import.hpp"

#include "errors.hpp"
#include "importers/field_mapping.hpp"
#include "importers/gdal_quiet.hpp"
#include "importers/geometry_cleaning.hpp"
#include "importers/import_target.hpp"
#include "importers/rejection_report.hpp"
#include "importers/vector_source.hpp"
#include "store/parcel_store.hpp"

#include <algorithm>
#include <chrono>
#include <ostream>

namespace investmap::importers {
namespace {

const std::initializer_list<std::string_view> kNameColumns = {"name", "名称", "mc", "地名", "道路名称", "园区名称"};

int name_column(const VectorSource& source) {
    const auto& names = source.field_names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (std::ranges::find(kNameColumns, normalise_field_name(names[i])) != kNameColumns.end()) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

}  // namespace

ContextImportSummary import_context(const ContextImportOptions& options, std::ostream& log) {
    const auto started = std::chrono::steady_clock::now();
    QuietGdalErrors quiet;
    VectorSource source({.path = options.source, .layer = options.layer, .s_srs = options.s_srs, .encoding = options.encoding});
    log << "读取 reading " << source.path() << " [" << source.driver() << ", " << source.layer_name() << "]\n"
        << "  坐标系 CRS: " << source.crs_note() << '\n';
    const int name_field = name_column(source);
    const bool lines = options.as == "roads";

    ContextImportSummary summary;
    std::vector<store::ContextFeature> features;
    std::string first_problem;
    std::int64_t rejected = 0;
    while (source.next()) {
        try {
            const CleanGeometry clean = clean_context_geometry(source.geometry(), lines);
            summary.repaired += clean.repaired ? 1 : 0;
            features.push_back({name_field >= 0 ? trim(source.text(name_field)) : "", clean.wkb});
        } catch (const ValueError& error) {
            if (!rejected++) first_problem = "要素 feature " + std::to_string(source.feature_id()) + ": " + one_line(error.what());
        }
    }
    if (rejected) {
        throw InputError(std::to_string(rejected) + " 个要素无法用作 " + options.as + "，数据库未改动。第一个：" + first_problem,
                         std::to_string(rejected) + " features cannot be used as " + options.as +
                             "; the database is unchanged. First: " + first_problem);
    }
    if (features.empty()) {
        throw InputError("源数据 " + options.source + " 没有要素。", options.source + " has no features.");
    }
    ImportTarget target(options.db_path);
    store::Transaction transaction(target.db());
    store::replace_context_layer(target.db(), options.as, features);
    store::bump_data_version(target.db());
    transaction.commit();
    target.keep();
    summary.stored = static_cast<std::int64_t>(features.size());
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace investmap::importers
