#pragma once
// One layer of any GDAL vector source, read feature by feature with its
// strings in UTF-8 and its geometry in EPSG:4326 (lon/lat order).
#include "importers/cad_drawing.hpp"
#include "importers/gdal_handles.hpp"

#include "geo/web_datums.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace investmap::importers {

// The encodings --encoding (and the import API's encoding) accept.
inline const std::vector<std::string> kSourceEncodings = {"UTF-8", "GBK", "CP936", "GB18030", "GB2312", "BIG5"};

struct SourceOptions {
    std::string path;  // a file, or a GDAL virtual path such as /vsizip/upload.zip/parcels.shp
    std::optional<std::string> display_name;  // what messages call it (an upload's own file name); default: path
    std::optional<std::string> layer;     // --layer
    std::optional<std::string> s_srs;     // --s-srs, overrides the source's CRS; GCJ02 and BD09 name web-map coordinates
    std::optional<std::string> encoding;  // --encoding, e.g. GBK for a Shapefile without .cpg
    // The district's extent, asked for only when coordinates come without a
    // CRS: it tells which Gauss-Krüger zone they are in (crs_guess.hpp).
    std::function<std::optional<geo::LonLatBox>()> district;
    CadOptions cad;  // for DXF and DWG drawings: which layer, what the texts are
};

class VectorSource {
public:
    // Opens the source and checks it can be read: file, layer, encoding, CRS
    // and where the geometry is. Problems throw InputError before any write.
    explicit VectorSource(const SourceOptions& options);

    // The name messages and the audit use: the path, or the display name.
    const std::string& path() const { return name_; }
    const std::string& driver() const { return driver_; }
    const std::string& layer_name() const { return layer_name_; }
    const std::vector<std::string>& field_names() const { return field_names_; }
    // Feature count when the driver knows it cheaply, else -1.
    std::int64_t feature_count() const { return feature_count_; }
    // How the CRS was decided, for the log ("EPSG:4547 (from the source)").
    const std::string& crs_note() const { return crs_note_; }
    // For a CAD drawing, what became parcels and what was left out; else "".
    const std::string& drawing_note() const { return drawing_note_; }
    // The columns the geometry is read from (WKT, lon and lat, or one
    // coordinate cell), so they are not listed as unused.
    std::vector<std::string> geometry_column_names() const;
    // Lon/lat columns read as WGS 84 without being told: a reminder that
    // 高德/腾讯/百度 coordinates need --s-srs, firmer when a column's name says
    // which map they came from. Bilingual, "中文\n  English".
    std::optional<std::string> web_map_hint() const;
    // Rows whose longitude and latitude columns held each other's values
    // (told by range or by 东经/北纬), read the right way round.
    std::int64_t swapped_rows() const { return swapped_rows_.load(std::memory_order_relaxed); }

    // Moves to the next feature; false at the end. A read error throws.
    bool next();
    std::int64_t feature_id() const;
    // Field value as UTF-8 text ("" when null); dates as YYYY-MM-DD.
    std::string text(int field) const;
    // The geometry in EPSG:4326, or null when the feature has none.
    // Coordinates outside lon/lat range throw ValueError (wrong CRS).
    GeometryPtr geometry();

private:
    void open_dataset(const SourceOptions& options);
    void choose_layer(const std::optional<std::string>& wanted);
    void read_field_names();
    void find_geometry_columns();
    void set_up_transformation(const std::optional<std::string>& s_srs);
    void set_up_pipeline(const std::string& pipeline);
    std::string to_utf8(const char* raw, const char* what) const;
    GeometryPtr geometry_from_columns();

    std::string path_;
    std::string name_;
    std::string driver_;
    std::string layer_name_;
    std::string recode_from_;  // non-empty: recode strings from this encoding
    DatasetPtr dataset_;
    OGRLayerH layer_ = nullptr;
    FeaturePtr feature_;
    std::vector<std::string> field_names_;
    std::int64_t feature_count_ = -1;
    bool has_geometry_field_ = false;
    int wkt_field_ = -1;
    int lon_field_ = -1;
    int lat_field_ = -1;
    int point_field_ = -1;  // one cell with both coordinates
    std::atomic<std::int64_t> swapped_rows_ = 0;  // counted on the reading thread
    TransformationPtr transformation_;
    bool pipeline_ = false;  // --s-srs "+proj=pipeline …": a city grid's own transform
    bool crs_assumed_ = false;  // no CRS given: coordinates must be lon/lat
    std::optional<geo::WebDatum> web_datum_;  // lon/lat from a Chinese web map, turned back into WGS 84
    std::string crs_note_;
    std::string drawing_note_;
    std::function<std::optional<geo::LonLatBox>()> district_;
};

}  // namespace investmap::importers
