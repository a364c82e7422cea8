#pragma once
// Which source column feeds which parcel field. Built-in aliases cover the
// Chinese and English names districts use; a mapping file (--mapping M.toml)
// names columns the aliases miss, adds value labels and gives defaults.
#include "importers/value_parsing.hpp"
#include "store/parcel_model.hpp"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace investmap::importers {

// Targets are the parcel columns plus area in 亩, converted to area_m2.
inline constexpr std::size_t kAreaMu = store::kParcelFields.size();
inline constexpr std::size_t kTargetCount = kAreaMu + 1;
std::string_view target_name(std::size_t target);
std::optional<std::size_t> find_target(std::string_view name);

struct MappingFile {
    std::map<std::size_t, std::vector<std::string>> fields;  // target → source columns
    LabelTable status_labels;
    LabelTable kind_labels;
    LabelTable land_use_labels;
    std::map<std::size_t, std::string> defaults;  // target → value used when the source has none
    // crs = "EPSG:4549" or "GCJ02"/"BD09": the source's coordinates, as --s-srs says (which wins).
    std::optional<std::string> crs;
};

// Reads and checks a mapping file; an unknown key or target stops with the
// file, line and reason. The format is documented in data/mapping-example.toml.
MappingFile load_mapping_file(const std::string& path);
// The same from the file's text; `path` names it in messages.
MappingFile parse_mapping(std::string_view text, const std::string& path);

// Lower-case ASCII, half-width, without spaces, underscores and brackets:
// "面积（亩）", "面积_亩" and "面积 (亩)" all become "面积亩".
std::string normalise_field_name(std::string_view name);

struct ResolvedMapping {
    std::array<std::vector<int>, kTargetCount> sources{};  // target → layer field indices
    std::vector<std::string> unused;                       // source columns nobody reads
};

// Matches the layer's column names to targets: the mapping file first, then
// the aliases. A column the mapping file names but the source lacks throws.
ResolvedMapping resolve_mapping(const std::vector<std::string>& source_fields, const MappingFile& mapping);

}  // namespace investmap::importers
