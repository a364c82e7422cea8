#pragma once
// A whole tile from the store: the `parcels`, `heat` and `context` layers of
// PRODUCT.md for one tile, one filter and what the caller may see.
#include "filter/filter.hpp"
#include "geo/tile.hpp"
#include "index/parcel_index.hpp"
#include "index/parcel_matcher.hpp"
#include "mvt/drawing_helpers.hpp"
#include "store/sqlite.hpp"

#include <cstdint>
#include <string>

namespace investmap::mvt {

struct TileSettings {
    std::uint32_t extent = 4096;
    std::uint32_t buffer = 64;
    // From this zoom on, tiles carry parcel polygons and one heat point a
    // parcel; below it only heat, summed per grid cell, so a low-zoom tile
    // stays the same size however many parcels the district has.
    int parcel_zoom = 13;
    std::uint32_t heat_cells = 64;  // cells per tile side below parcel_zoom
};

// Encodes the tile; an empty string means no feature at all.
std::string build_parcel_tile(store::Database& db, geo::TileId tile, const filter::SqlCondition& condition,
                              const TileSettings& settings);
// The same tile from the memory index: the parcels `matcher` keeps. With
// `helpers`, a large tile hands part of its drawing to an idle helper; the
// bytes are the same either way.
std::string build_parcel_tile(const index::ParcelIndex& parcels, geo::TileId tile, const index::ParcelMatcher& matcher,
                              const TileSettings& settings, DrawingHelpers* helpers = nullptr);

}  // namespace investmap::mvt
