#pragma once
// `investmap import`: parcels from GDAL sources into the store, all or nothing.
#include "importers/cad_drawing.hpp"
#include "importers/geometry_cleaning.hpp"
#include "importers/rejection_groups.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace investmap::importers {

struct ImportOptions {
    std::vector<std::string> sources;
    std::string db_path;
    std::optional<std::string> layer;
    std::optional<std::string> mapping_path;
    std::optional<std::string> s_srs;
    std::optional<std::string> encoding;
    std::optional<std::string> kind;  // kind for rows that have none
    std::optional<std::string> report_path;
    CadOptions cad;  // --cad-layer, --cad-label, for DXF/DWG drawings
    std::optional<std::string> generate_codes;  // PREFIX: rows without a code get PREFIX-<hash of name and address>
    std::optional<std::string> industries_path;  // score with these profiles (default: those the database holds)
    bool replace = false;  // drop every parcel first, instead of upserting by code
    bool dry_run = false;  // check everything, write nothing
    bool skip_rejected = false;  // write the good rows, report the rest (default: a rejection writes nothing)
    bool allow_unlocated = false;  // rows without a location wait in /admin's 待定位 list instead of being rejected
    bool progress = false; // a progress bar (on a terminal)
    std::size_t max_vertices = kMaxParcelVertices;  // a parcel with more is rejected
    // For imports through the API (POST /api/imports): the uploaded file's
    // own name for messages and the audit note, the staff member as the
    // audit actor, a refusal reported in the summary instead of thrown, and
    // the parcels read kept for the dry run's map.
    std::optional<std::string> source_name;
    std::optional<std::string> actor;
    bool refusal_throws = true;
    std::size_t preview_limit = 0;
};

// A parcel as a dry run would write it, for the map that shows it.
struct PreviewParcel {
    std::string code;
    std::string name;
    std::string kind;
    std::string status;
    std::string wkb;  // EPSG:4326, as the store keeps it
};

struct ImportSummary {
    std::int64_t read = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t removed = 0;
    std::int64_t repaired = 0;
    std::int64_t rejected = 0;
    std::int64_t unlocated = 0;  // kept without a location (--allow-unlocated)
    double seconds = 0.0;
    bool dry_run = false;
    bool refused = false;  // rows were rejected and nothing was written (refusal_throws = false)
    RejectionGroups rejections;
    std::vector<std::string> notes;  // swapped columns, web-map hints, what a drawing left out
    std::vector<PreviewParcel> preview;  // at most preview_limit (and 16 MiB of geometry), the rows that would be written
};

// The bilingual message of a refused import ("3 行无法导入…").
std::pair<std::string, std::string> refusal_message(const ImportSummary& summary, const ImportOptions& options);

// Reads every source, checks every row, and writes them in one transaction.
// A rejected row rolls everything back and throws InputError after the
// report is written, unless skip_rejected keeps the good rows; `log` gets
// notes and the rejections, grouped.
ImportSummary import_parcels(const ImportOptions& options, std::ostream& log);

// The last line a user sees: counts and seconds, Chinese and English.
std::string format_summary(const ImportSummary& summary);

}  // namespace investmap::importers
