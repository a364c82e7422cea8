#pragma once
// Owning handles for the GDAL/OGR C API, so every early return and exception
// releases what was opened.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>

namespace investmap::importers {

struct DatasetCloser {
    void operator()(GDALDatasetH dataset) const { GDALClose(dataset); }
};
struct FeatureDestroyer {
    void operator()(OGRFeatureH feature) const { OGR_F_Destroy(feature); }
};
struct GeometryDestroyer {
    void operator()(OGRGeometryH geometry) const { OGR_G_DestroyGeometry(geometry); }
};
struct SpatialReferenceReleaser {
    void operator()(OGRSpatialReferenceH srs) const { OSRRelease(srs); }
};
struct TransformationDestroyer {
    void operator()(OGRCoordinateTransformationH transformation) const {
        OCTDestroyCoordinateTransformation(transformation);
    }
};

using DatasetPtr = std::unique_ptr<void, DatasetCloser>;
using FeaturePtr = std::unique_ptr<void, FeatureDestroyer>;
using GeometryPtr = std::unique_ptr<void, GeometryDestroyer>;
using SpatialReferencePtr = std::unique_ptr<void, SpatialReferenceReleaser>;
using TransformationPtr = std::unique_ptr<void, TransformationDestroyer>;

}  // namespace investmap::importers
