#include "importers/cad_drawing.hpp"

#include "errors.hpp"
#include "importers/value_parsing.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace investmap::importers {
namespace {

struct Shape {
    GeometryPtr polygon;
    OGREnvelope envelope{};
    double area = 0;
    std::vector<std::string> labels;
};

struct Label {
    double x = 0;
    double y = 0;
    std::string text;
};

std::string field_text(OGRFeatureH feature, const char* name) {
    const int index = OGR_F_GetFieldIndex(feature, name);
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(feature, index)) return {};
    return trim(OGR_F_GetFieldAsString(feature, index));
}

// A closed line (first point = last, at least a triangle) as a polygon;
// polygons as they are; anything else null.
GeometryPtr closed_shape(OGRGeometryH geometry) {
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    if (type == wkbPolygon || type == wkbMultiPolygon) return GeometryPtr(OGR_G_Clone(geometry));
    if (type != wkbLineString) return nullptr;
    const int points = OGR_G_GetPointCount(geometry);
    if (points < 4 || OGR_G_GetX(geometry, 0) != OGR_G_GetX(geometry, points - 1) ||
        OGR_G_GetY(geometry, 0) != OGR_G_GetY(geometry, points - 1)) {
        return nullptr;
    }
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    for (int i = 0; i < points; ++i) OGR_G_AddPoint_2D(ring, OGR_G_GetX(geometry, i), OGR_G_GetY(geometry, i));
    GeometryPtr polygon(OGR_G_CreateGeometry(wkbPolygon));
    OGR_G_AddGeometryDirectly(polygon.get(), ring);
    return polygon;
}

bool same_envelope(const OGREnvelope& a, const OGREnvelope& b) {
    return a.MinX == b.MinX && a.MinY == b.MinY && a.MaxX == b.MaxX && a.MaxY == b.MaxY;
}

class DrawingReader {
public:
    DrawingReader(const std::string& path, const CadOptions& options) : path_(path), options_(options) {}

    void read(GDALDatasetH drawing) {
        for (int i = 0; i < GDALDatasetGetLayerCount(drawing); ++i) {
            OGRLayerH layer = GDALDatasetGetLayer(drawing, i);
            OGR_L_ResetReading(layer);
            while (FeaturePtr feature{OGR_L_GetNextFeature(layer)}) read_entity(feature.get(), OGR_L_GetName(layer));
        }
        if (options_.layer && shapes_.empty()) no_shapes_on_layer();
        join_labels();
    }

    CadParcels parcels() const {
        CadParcels result;
        GDALDriverH memory = GDALGetDriverByName("Memory");
        result.dataset.reset(GDALCreate(memory, "cad", 0, 0, 0, GDT_Unknown, nullptr));
        OGRLayerH layer = GDALDatasetCreateLayer(result.dataset.get(), "parcels", nullptr, wkbUnknown, nullptr);
        const char* field_name = options_.label == CadLabel::code ? "地块编号" : "名称";
        OGRFieldDefnH field = OGR_Fld_Create(field_name, OFTString);
        OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        std::int64_t several = 0;
        std::int64_t unlabelled = 0;
        for (const Shape& shape : shapes_) {
            FeaturePtr feature{OGR_F_Create(OGR_L_GetLayerDefn(layer))};
            if (!shape.labels.empty()) OGR_F_SetFieldString(feature.get(), 0, labelled_as(shape).c_str());
            several += shape.labels.size() > 1 ? 1 : 0;
            unlabelled += shape.labels.empty() ? 1 : 0;
            OGR_F_SetGeometry(feature.get(), shape.polygon.get());
            if (OGR_L_CreateFeature(layer, feature.get()) != OGRERR_NONE) {
                throw InputError("无法读取图纸 " + path_ + " 的图形", "cannot take the shapes of drawing " + path_);
            }
        }
        result.note = note(several, unlabelled);
        return result;
    }

private:
    void read_entity(OGRFeatureH feature, const char* layer_name) {
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature);
        if (!geometry) return;
        // DXF puts every entity in one OGR layer with a Layer field; the CAD
        // (DWG) driver makes an OGR layer per CAD layer.
        std::string cad_layer = field_text(feature, "Layer");
        if (cad_layer.empty()) cad_layer = layer_name;
        const std::string text = field_text(feature, "Text");
        if (!text.empty() && wkbFlatten(OGR_G_GetGeometryType(geometry)) == wkbPoint) {
            labels_.push_back({OGR_G_GetX(geometry, 0), OGR_G_GetY(geometry, 0), text});
            return;
        }
        GeometryPtr shape = closed_shape(geometry);
        if (!shape) {
            ++open_shapes_;
            return;
        }
        ++closed_by_layer_[cad_layer];
        if (options_.layer && cad_layer != *options_.layer) return;
        add_shape(std::move(shape));
    }

    // A hatch drawn over its own boundary polyline is one parcel, not two.
    void add_shape(GeometryPtr polygon) {
        OGREnvelope envelope{};
        OGR_G_GetEnvelope(polygon.get(), &envelope);
        const auto key = std::make_pair(envelope.MinX, envelope.MinY);
        auto [first, last] = by_corner_.equal_range(key);
        for (auto it = first; it != last; ++it) {
            const Shape& earlier = shapes_[it->second];
            if (same_envelope(earlier.envelope, envelope) && OGR_G_Equals(earlier.polygon.get(), polygon.get())) {
                ++duplicates_;
                return;
            }
        }
        by_corner_.emplace(key, shapes_.size());
        const double area = OGR_G_Area(polygon.get());
        shapes_.push_back({std::move(polygon), envelope, area, {}});
    }

    // Each text goes to the smallest parcel it lies in (a parcel drawn inside
    // a larger one keeps its own number).
    void join_labels() {
        for (const Label& label : labels_) {
            Shape* smallest = nullptr;
            GeometryPtr point(OGR_G_CreateGeometry(wkbPoint));
            OGR_G_SetPoint_2D(point.get(), 0, label.x, label.y);
            for (Shape& shape : shapes_) {
                const OGREnvelope& e = shape.envelope;
                if (label.x < e.MinX || label.x > e.MaxX || label.y < e.MinY || label.y > e.MaxY) continue;
                if ((!smallest || shape.area < smallest->area) && OGR_G_Contains(shape.polygon.get(), point.get())) {
                    smallest = &shape;
                }
            }
            if (!smallest) {
                ++labels_outside_;
                continue;
            }
            if (std::ranges::find(smallest->labels, label.text) == smallest->labels.end()) {
                smallest->labels.push_back(label.text);
            }
        }
    }

    // A code is one text: with several, the first is kept and the note says
    // so. A name may be written in pieces, and is joined.
    std::string labelled_as(const Shape& shape) const {
        if (options_.label == CadLabel::code) return shape.labels.front();
        std::string name;
        for (const std::string& part : shape.labels) name += (name.empty() ? "" : " ") + part;
        return name;
    }

    std::string note(std::int64_t several, std::int64_t unlabelled) const {
        std::string zh = std::to_string(shapes_.size()) + " 个闭合图形作为地块";
        std::string en = std::to_string(shapes_.size()) + " closed shapes as parcels";
        if (options_.layer) {
            zh += "（图层 " + *options_.layer + "）";
            en += " (layer " + *options_.layer + ")";
        }
        auto add = [&](std::int64_t count, const std::string& what_zh, const std::string& what_en) {
            if (!count) return;
            zh += "，" + std::to_string(count) + " " + what_zh;
            en += ", " + std::to_string(count) + " " + what_en;
        };
        add(open_shapes_, "个非闭合图形未用", "open shapes left out");
        add(duplicates_, "个重复图形（填充与边界重合）只计一次", "duplicates (a hatch on its boundary) counted once");
        add(labels_outside_, "个文字不在任何地块内", "texts inside no parcel");
        add(unlabelled, "个地块内没有文字", "parcels with no text inside");
        add(several, "个地块内有多个文字" + std::string(options_.label == CadLabel::code ? "，取第一个" : "，已连接"),
            "parcels with several texts" + std::string(options_.label == CadLabel::code ? ", the first kept" : ", joined"));
        return zh + " / " + en;
    }

    [[noreturn]] void no_shapes_on_layer() const {
        std::string layers;
        for (const auto& [name, count] : closed_by_layer_) {
            layers += (layers.empty() ? "" : ", ") + name + " (" + std::to_string(count) + ")";
        }
        if (layers.empty()) layers = "—";
        throw InputError("图纸 " + path_ + " 的图层“" + *options_.layer + "”上没有闭合图形。有闭合图形的图层：" + layers,
                         "drawing " + path_ + " has no closed shapes on layer '" + *options_.layer +
                             "'; layers with closed shapes: " + layers);
    }

    const std::string& path_;
    const CadOptions& options_;
    std::vector<Shape> shapes_;
    std::vector<Label> labels_;
    std::multimap<std::pair<double, double>, std::size_t> by_corner_;  // lower-left corner → shape
    std::map<std::string, std::int64_t> closed_by_layer_;
    std::int64_t open_shapes_ = 0;
    std::int64_t duplicates_ = 0;
    std::int64_t labels_outside_ = 0;
};

}  // namespace

bool is_cad_driver(std::string_view driver) { return driver == "DXF" || driver == "CAD"; }

CadParcels read_cad_parcels(GDALDatasetH drawing, const std::string& path, const CadOptions& options) {
    DrawingReader reader(path, options);
    reader.read(drawing);
    return reader.parcels();
}

}  // namespace investmap::importers
