#pragma once
// A planning office's CAD drawing (DXF, or DWG where GDAL's CAD driver reads
// it) as a parcel source. The parcels are the closed shapes — closed
// polylines and hatches — on the chosen CAD layer (用地红线, say) or on any;
// the TEXT, MTEXT and attribute values lying inside each are joined to it as
// its code (or name). GDAL decodes the drawing's text per its $DWGCODEPAGE,
// so GBK drawings (ANSI_936) read as UTF-8.
#include "importers/gdal_handles.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace investmap::importers {

enum class CadLabel { code, name };

struct CadOptions {
    std::optional<std::string> layer;  // --cad-layer: shapes on this CAD layer only (default: every closed shape)
    CadLabel label = CadLabel::code;   // --cad-label: what a text inside a parcel is
};

struct CadParcels {
    // In memory: one layer of polygons with one text field, 地块编号 or 名称,
    // which the field aliases map like any sheet's column.
    DatasetPtr dataset;
    std::string note;  // what was left out and why, "中文 / English", for the import log
};

bool is_cad_driver(std::string_view driver);

// Reads every entity of `drawing`. Throws InputError when --cad-layer names
// a layer with no closed shapes (listing the layers that have some).
CadParcels read_cad_parcels(GDALDatasetH drawing, const std::string& path, const CadOptions& options);

}  // namespace investmap::importers
