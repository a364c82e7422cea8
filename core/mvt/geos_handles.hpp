#pragma once
// GEOS's reentrant C API, with a context per thread and owning geometry
// handles. GEOS failures return null; callers treat that as "drop the feature".
#include <geos_c.h>

#include <memory>

namespace investmap::mvt {

class GeosContext {
public:
    GeosContext() : handle_(GEOS_init_r()) {}
    ~GeosContext() { GEOS_finish_r(handle_); }
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;
    GEOSContextHandle_t get() const { return handle_; }

private:
    GEOSContextHandle_t handle_;
};

struct GeometryDeleter {
    GEOSContextHandle_t context;
    void operator()(GEOSGeometry* geometry) const { GEOSGeom_destroy_r(context, geometry); }
};
using GeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

inline GeometryPtr own(GEOSContextHandle_t context, GEOSGeometry* geometry) {
    return GeometryPtr(geometry, GeometryDeleter{context});
}

}  // namespace investmap::mvt
