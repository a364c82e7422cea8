#pragma once
// A whole tile: the `parcels`, `heat` and `context` layers of
// PRODUCT.md for one tile, one filter and what the caller may see.
#include "geo/tile.hpp"
#include "mvt/drawing_helpers.hpp"
#include "source/parcel_source.hpp"
#include "vocabulary/vocabulary.hpp"

#include <cstdint>
#include <string>

namespace investmap::mvt {

struct TileSettings {
    std::uint32_t extent = 4096;
    std::uint32_t buffer = 64;
    // From this zoom on, tiles carry parcel polygons and one heat point a
    // parcel; below it only heat, summed per grid cell, so a low-zoom tile
    // stays the same size however many parcels the district has.
    int parcel_zoom = vocabulary::kDefaultParcelZoom;
    std::uint32_t heat_cells = 64;  // cells per tile side below parcel_zoom
};

// Encodes the tile from the parcels and context `source` gives for the
// buffered tile; an empty string means no feature at all. With `helpers`, a
// large tile hands part of its drawing to an idle helper (when the rows may
// be read from two threads); the bytes are the same from either source,
// alone or helped.
std::string build_parcel_tile(const source::ParcelSource& source, geo::TileId tile, const source::ParcelQuery& query,
                              const TileSettings& settings, DrawingHelpers* helpers = nullptr);

}  // namespace investmap::mvt
