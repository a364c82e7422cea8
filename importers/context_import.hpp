#pragma once
// `investmap import-context`: the district boundary, roads, parks and water
// drawn under the parcels. Each run replaces one context layer, atomically.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace investmap::importers {

struct ContextImportOptions {
    std::string source;
    std::string db_path;
    std::string as;  // boundary | roads | parks | water
    std::optional<std::string> layer;
    std::optional<std::string> s_srs;
    std::optional<std::string> encoding;
};

struct ContextImportSummary {
    std::int64_t stored = 0;
    std::int64_t repaired = 0;
    double seconds = 0.0;
};

ContextImportSummary import_context(const ContextImportOptions& options, std::ostream& log);

}  // namespace investmap::importers
