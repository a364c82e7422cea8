#pragma once
// The query parameters each endpoint takes besides the filters (PRODUCT.md,
// "Filters"): the one list a route checks its requests against and the
// OpenAPI document (openapi/openapi_document.cpp) describes. A name missing
// here is refused with a 400 by the route and absent from the document.
#include "render/static_request.hpp"
#include "store/parcel_query.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

namespace investmap::server::parameters {

// JSON documents: /api, /api/conformance, /api/openapi, /api/collections,
// /api/collections/parcels, …/queryables, /api/industries, /api/stats.
inline constexpr std::array<std::string_view, 1> kDocument = {"f"};
// …/items: OGC API – Features paging and bbox, and sortby (Part 8 style).
inline constexpr std::array<std::string_view, 5> kItems = {"bbox", "limit", "offset", "f", "sortby"};
// …/items/{code}: only `industry` filters one parcel (it adds the fit and its reasons).
inline constexpr std::array<std::string_view, 2> kItem = {"f", "industry"};
// /styles/{name}.json and /api/vocabulary.
inline constexpr std::array<std::string_view, 1> kLanguage = {"lang"};
// /static/{w}x{h}[@2x].{png|svg|pdf}, `investmap render` alike.
inline constexpr std::span<const std::string_view> kStaticMap = render::kStaticMapParameters;
// Endpoints that take no query parameter at all: staff writes, /healthz,
// /metrics, fonts and media files.
inline constexpr std::span<const std::string_view> kNone = {};
// POST /api/imports: the upload's name and the importer's options.
inline constexpr std::array<std::string_view, 11> kImports = {"filename", "kind", "s_srs", "encoding", "generate_codes", "layer",
                                                              "cad_layer", "cad_label", "dry_run", "skip_rejected", "allow_unlocated"};

inline constexpr std::int64_t kDefaultLimit = 100;
inline constexpr std::int64_t kMaxLimit = 10000;
inline constexpr std::int64_t kMaxOffset = std::numeric_limits<std::int32_t>::max();

// sortby=: the orders of …/items. `fit` and `-fit` need `industry`.
inline constexpr std::array<std::pair<std::string_view, store::SortOrder>, 6> kSortOrders = {{
    {"id", store::SortOrder::id},
    {"area_m2", store::SortOrder::area_ascending},
    {"-area_m2", store::SortOrder::area_descending},
    {"fit", store::SortOrder::fit_ascending},
    {"-fit", store::SortOrder::fit_descending},
    {"code", store::SortOrder::code},
}};

// f=: the formats the JSON endpoints answer in (JSON only).
inline constexpr std::array<std::string_view, 2> kFormats = {"json", "geojson"};

}  // namespace investmap::server::parameters
