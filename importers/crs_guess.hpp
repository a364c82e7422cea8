#pragma once
// A source that names no CRS and whose coordinates are not lon/lat: which
// CRSs its coordinates would fit, so the error can name the --s-srs to give
// rather than a generic example. Gauss-Krüger eastings with a zone prefix
// name their zone; without one every zone fits somewhere in China, and the
// district's boundary (when the database has one) tells which.
#include "geo/coordinates.hpp"

#include <optional>
#include <string>
#include <vector>

namespace investmap::importers {

struct CrsCandidate {
    int epsg = 0;
    std::string name;  // as PROJ names it: "CGCS2000 / 3-degree Gauss-Kruger CM 120E"
};

// What a coordinate pair read as (x, y) could be: the swapped lon/lat case is
// reported by `swapped_lon_lat`, the projected ones as candidates whose point
// falls in China, and inside `district` (with a margin) when given.
struct CrsGuess {
    bool swapped_lon_lat = false;
    bool zone_unknown = false;  // a Gauss-Krüger easting without zone prefix and no district to place it
    std::vector<CrsCandidate> candidates;
};
CrsGuess guess_crs(geo::LonLat xy, const std::optional<geo::LonLatBox>& district);

// The error for such a source: what the numbers look like and the --s-srs to give.
// Returns "中文\n  English" for InputError's two halves.
std::pair<std::string, std::string> missing_crs_message(const std::string& path, geo::LonLat xy,
                                                        const std::optional<geo::LonLatBox>& district);

// The extent of the district in the database at `db_path`: its boundary
// (import-context --as boundary) when loaded, else its parcels'; nullopt
// when the file does not exist or holds neither.
std::optional<geo::LonLatBox> district_extent(const std::string& db_path);

}  // namespace investmap::importers
