#pragma once
#include <cpl_error.h>

namespace investmap::importers {

// GDAL prints its errors itself by default; while this lives they are only
// recorded (CPLGetLastErrorMsg), and our own messages say what failed where.
class QuietGdalErrors {
public:
    QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

}  // namespace investmap::importers
