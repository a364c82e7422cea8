#include "render/static_map.hpp"

#include "render/map_credit.hpp"
#include "render/png_writer.hpp"
#include "text/hex_colour.hpp"
#include "text/xml.hpp"


#include "fit/scoring.hpp"
#include "store/parcel_query.hpp"
#include "style/map_style.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <deque>
#include <memory>
#include <stdexcept>
#include <vector>

namespace investmap::render {
namespace {

constexpr const char* kFont = "Noto Sans CJK SC";

struct Colour {
    double r = 0, g = 0, b = 0;
};

Colour hex_colour(std::string_view hex) {
    const auto rgb = text::hex_rgb(hex);
    if (!rgb) return {0.6, 0.6, 0.6};
    return {(*rgb)[0] / 255.0, (*rgb)[1] / 255.0, (*rgb)[2] / 255.0};
}

void set_colour(cairo_t* cr, Colour c, double alpha = 1.0) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }


// ---- text ------------------------------------------------------------------------------
struct TextStyle {
    double size = 12;  // CSS px
    bool bold = false;
    Colour colour{0.12, 0.16, 0.2};
};

// Lays text out with Pango. For PNG and PDF it draws the glyphs; for SVG it
// records the words and their places, written later as <text> elements.
class TextPainter {
public:
    TextPainter(cairo_t* cr, bool record) : cr_(cr), record_(record) {}

    struct Extent {
        double width, height, baseline;
    };

    Extent measure(const std::string& text, const TextStyle& style) {
        auto layout = make_layout(text, style);
        int width = 0, height = 0;
        pango_layout_get_pixel_size(layout.get(), &width, &height);
        return {static_cast<double>(width), static_cast<double>(height), pango_layout_get_baseline(layout.get()) / double(PANGO_SCALE)};
    }

    // Draws with the top-left corner at x, y; returns the extent.
    Extent draw(const std::string& text, double x, double y, const TextStyle& style) {
        auto layout = make_layout(text, style);
        const Extent extent = measure(text, style);
        if (record_) {
            double ux = x, uy = y + extent.baseline;
            cairo_user_to_device(cr_, &ux, &uy);
            double size = style.size, zero = 0;
            cairo_user_to_device_distance(cr_, &size, &zero);
            recorded_.push_back({text, ux, uy, size, style});
        } else {
            cairo_move_to(cr_, x, y);
            set_colour(cr_, style.colour);
            pango_cairo_show_layout(cr_, layout.get());
        }
        return extent;
    }

    struct Recorded {
        std::string text;
        double x, y, size;
        TextStyle style;
    };
    const std::vector<Recorded>& recorded() const { return recorded_; }

private:
    std::unique_ptr<PangoLayout, decltype(&g_object_unref)> make_layout(const std::string& text, const TextStyle& style) {
        std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr_), g_object_unref);
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, kFont);
        pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout.get(), font);
        pango_font_description_free(font);
        pango_layout_set_text(layout.get(), text.c_str(), -1);
        return layout;
    }

    cairo_t* cr_;
    bool record_;
    std::vector<Recorded> recorded_;
};

// ---- the drawing -------------------------------------------------------------------------
// Adds a shape in Web Mercator (geo::project_wkb, or the memory index's) to
// the current path.
void add_shape_path(cairo_t* cr, const MapFrame& frame, const geo::ProjectedShape& shape, double point_radius) {
    std::uint32_t begin = 0;
    for (const geo::ShapePart& part : shape.parts) {
        for (std::uint32_t i = begin; i < part.end; ++i) {
            const double x = frame.x_from_metres(shape.points[i].x), y = frame.y_from_metres(shape.points[i].y);
            if (shape.type == geo::ShapeType::point) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, x, y, point_radius, 0, 2 * M_PI);
            } else if (i == begin) {
                cairo_move_to(cr, x, y);
            } else {
                cairo_line_to(cr, x, y);
            }
        }
        if (shape.type == geo::ShapeType::polygon && part.end > begin) cairo_close_path(cr);
        begin = part.end;
    }
}

// One parcel as the static map sorts it into colours and specks.
struct MapParcel {
    double x0, y0, x1, y1;  // its box in pixels
    std::string_view status;
    int fit;
    double area;
};

class Painter {
public:
    Painter(cairo_t* cr, const source::ParcelSource& source, const StaticMapRequest& request)
        : cr_(cr),
          source_(source),
          statuses_(request.visible_statuses.begin(), request.visible_statuses.end()),
          request_(request),
          frame_(request.frame),
          chrome_(std::clamp(request.frame.width() / 1000.0, 1.0, 2.5)),
          text_(cr, request.format == ImageFormat::svg) {}

    void paint() {
        cairo_scale(cr_, request_.pixel_ratio, request_.pixel_ratio);
        set_colour(cr_, hex_colour(request_.colours.background));
        cairo_paint(cr_);
        context();
        parcels();
        title();
        const double footer_top = footer();
        legend(footer_top);
        north_arrow();
        const double scale_top = scale_bar(footer_top);
        if (request_.qr_url) qr_code(*request_.qr_url, scale_top);
    }

    const TextPainter& text() const { return text_; }

private:
    double zoom() const { return frame_.zoom(); }

    void context() {
        struct Feature {
            std::size_t rank;  // the vocabulary's drawing order: water first, the boundary on top
            std::string layer;
            const geo::ProjectedShape* shape;
        };
        std::vector<Feature> features;
        std::deque<geo::ProjectedShape> read;  // outlines projected here (the memory index holds its own)
        source_.for_each_context(frame_.bounds(), [&](const source::ContextRow& row) {
            const geo::ProjectedShape* shape = row.shape.projected;
            if (!shape) shape = &read.emplace_back(geo::project_wkb(row.shape.wkb));
            features.push_back({vocabulary::context_layer_order(row.layer), std::string(row.layer), shape});
        });
        std::ranges::stable_sort(features, {}, &Feature::rank);

        const double road_width = std::clamp(0.6 + (zoom() - 10) * 0.5, 0.6, 6.0);
        for (const Feature& feature : features) {
            const std::string& layer = feature.layer;
            cairo_new_path(cr_);
            add_shape_path(cr_, frame_, *feature.shape, 2);
            if (layer == "water") {
                set_colour(cr_, hex_colour(request_.colours.water));
                cairo_fill(cr_);
            } else if (layer == "parks") {
                set_colour(cr_, hex_colour(request_.colours.parks));
                cairo_fill(cr_);
            } else if (layer == "roads") {
                set_colour(cr_, hex_colour(request_.colours.roads));
                cairo_set_line_width(cr_, road_width);
                cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
                cairo_stroke(cr_);
            } else {
                const double dashes[] = {6, 4};
                set_colour(cr_, hex_colour(request_.colours.boundary));
                cairo_set_line_width(cr_, 1.5);
                cairo_set_dash(cr_, dashes, 2, 0);
                cairo_stroke(cr_);
                cairo_set_dash(cr_, nullptr, 0, 0);
            }
        }
    }

    std::string parcel_colour(std::string_view status, int fit) const {
        const bool by_fit = request_.style == "fit" || (request_.style == "heat" && request_.filter.industry);
        if (by_fit) {
            for (const auto& band : vocabulary::kFitBands) {
                if (fit >= band.low && fit <= band.high) return std::string(band.color);
            }
        }
        const auto* found = vocabulary::find_status(status);
        return std::string(found ? found->color : vocabulary::kUnknownStatusColor);
    }

    // What each colour gets: outlines to fill, and specks for parcels
    // smaller than a pixel and a half, drawn from their R*Tree box (only the
    // larger ones have their outline asked for).
    struct ParcelPaths {
        std::vector<std::array<double, 3>> heat_points;                     // x, y, weight
        std::map<std::string, std::vector<const geo::ProjectedShape*>> shapes;  // colour → outlines
        std::deque<geo::ProjectedShape> read;  // the outlines read from SQLite (the index holds its own)
        std::map<std::string, std::vector<std::array<double, 4>>> specks;   // colour → tiny boxes
    };

    // Sorts one parcel into the paths; true when its outline is wanted.
    bool sort_parcel(const MapParcel& parcel, bool draw_parcels, ParcelPaths& paths, std::string& colour) const {
        if (request_.style == "heat") {
            paths.heat_points.push_back({(parcel.x0 + parcel.x1) / 2, (parcel.y0 + parcel.y1) / 2, parcel.area * parcel.fit / 100.0});
        }
        if (!draw_parcels) return false;
        colour = parcel_colour(parcel.status, parcel.fit);
        if (parcel.x1 - parcel.x0 < 1.5 && parcel.y1 - parcel.y0 < 1.5) {
            const double cx = (parcel.x0 + parcel.x1) / 2, cy = (parcel.y0 + parcel.y1) / 2;
            paths.specks[colour].push_back({cx - 0.75, cy - 0.75, 1.5, 1.5});  // below a pixel: a speck
            return false;
        }
        return true;
    }

    void read_parcels(bool draw_parcels, ParcelPaths& paths) {
        const auto rows = source_.parcels_in(frame_.bounds(), {request_.filter, statuses_}, false);
        std::string colour;
        for (std::size_t k = 0; k < rows->size(); ++k) {
            const std::optional<source::ParcelRow> row = rows->row(k);
            if (!row) continue;
            const geo::LonLatBox& box = row->box;
            const MapParcel parcel{frame_.x(box.west), frame_.y(box.north), frame_.x(box.east), frame_.y(box.south), row->status, row->fit,
                                   row->area_m2.value_or(row->floor_area_m2.value_or(0.0))};
            if (!sort_parcel(parcel, draw_parcels, paths, colour)) continue;
            const source::Shape shape = rows->shape(k);
            if (shape.projected) {
                paths.shapes[colour].push_back(shape.projected);
            } else if (!shape.wkb.empty()) {
                paths.read.push_back(geo::project_wkb(shape.wkb));
                paths.shapes[colour].push_back(&paths.read.back());
            }
        }
    }

    // Parcels grouped by colour, so each colour is one fill; with the heat
    // style below the parcel zoom only the density surface is drawn.
    void parcels() {
        const bool heat = request_.style == "heat";
        const bool draw_parcels = !heat || zoom() >= request_.parcel_zoom - 1;
        ParcelPaths paths;
        read_parcels(draw_parcels, paths);
        if (heat) heat_surface(paths.heat_points);
        if (!draw_parcels) return;
        const double alpha = heat ? std::clamp((zoom() - request_.parcel_zoom + 1) / 2.0, 0.3, 0.85) : 1.0;
        const double point_radius = std::clamp(zoom() - 10, 2.0, 6.0);
        for (const auto& [colour, shapes] : paths.shapes) {
            cairo_new_path(cr_);
            for (const geo::ProjectedShape* shape : shapes) add_shape_path(cr_, frame_, *shape, point_radius);
            set_colour(cr_, hex_colour(colour), alpha);
            cairo_fill_preserve(cr_);
            if (zoom() >= 14) {
                set_colour(cr_, {1, 1, 1}, 0.9);
                cairo_set_line_width(cr_, 0.8);
                cairo_stroke(cr_);
            }
            cairo_new_path(cr_);
        }
        for (const auto& [colour, boxes] : paths.specks) {
            for (const auto& b : boxes) cairo_rectangle(cr_, b[0], b[1], b[2], b[3]);
            set_colour(cr_, hex_colour(colour), alpha);
            cairo_fill(cr_);
        }
    }

    // Heat as a density surface: each parcel's weight spread by a Gaussian
    // on a grid of 4-pixel cells, scaled by the densest cell, coloured with
    // the legend's heat ramp and drawn smoothly (bilinear) over the context.
    void heat_surface(const std::vector<std::array<double, 3>>& points) {
        constexpr int kCell = 4;
        const int columns = frame_.width() / kCell + 1, rows = frame_.height() / kCell + 1;
        const double radius = std::clamp(8.0 * std::pow(1.45, zoom() - 10), 6.0, 60.0) / kCell;  // in cells
        const int reach = static_cast<int>(std::ceil(radius * 2));
        std::vector<double> density(static_cast<std::size_t>(columns) * rows, 0.0);
        std::vector<double> kernel(static_cast<std::size_t>(2 * reach + 1));
        for (int d = -reach; d <= reach; ++d) kernel[d + reach] = std::exp(-(d * d) / (2 * radius * radius));
        for (const auto& [x, y, weight] : points) {
            if (weight <= 0) continue;
            const int cx = static_cast<int>(x / kCell), cy = static_cast<int>(y / kCell);
            for (int dy = -reach; dy <= reach; ++dy) {
                const int gy = cy + dy;
                if (gy < 0 || gy >= rows) continue;
                for (int dx = -reach; dx <= reach; ++dx) {
                    const int gx = cx + dx;
                    if (gx < 0 || gx >= columns) continue;
                    density[static_cast<std::size_t>(gy) * columns + gx] += weight * kernel[dx + reach] * kernel[dy + reach];
                }
            }
        }
        const double densest = *std::max_element(density.begin(), density.end());
        if (densest <= 0) return;
        const std::vector<Colour> ramp = heat_ramp();
        cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, columns, rows);
        unsigned char* pixels = cairo_image_surface_get_data(image);
        const int stride = cairo_image_surface_get_stride(image);
        for (int gy = 0; gy < rows; ++gy) {
            auto* line = reinterpret_cast<std::uint32_t*>(pixels + gy * stride);
            for (int gx = 0; gx < columns; ++gx) {
                const double t = std::sqrt(density[static_cast<std::size_t>(gy) * columns + gx] / densest);
                const double alpha = std::clamp(t * 2.5, 0.0, 0.85);
                const double position = t * static_cast<double>(ramp.size() - 1);
                const auto low = static_cast<std::size_t>(std::floor(position));
                const auto high = std::min(low + 1, ramp.size() - 1);
                const double f = position - static_cast<double>(low);
                const Colour c{ramp[low].r + (ramp[high].r - ramp[low].r) * f, ramp[low].g + (ramp[high].g - ramp[low].g) * f,
                               ramp[low].b + (ramp[high].b - ramp[low].b) * f};
                const auto channel = [&](double v) { return static_cast<std::uint32_t>(std::lround(v * alpha * 255)); };
                line[gx] = channel(1.0) << 24 | channel(c.r) << 16 | channel(c.g) << 8 | channel(c.b);  // premultiplied
            }
        }
        cairo_surface_mark_dirty(image);
        cairo_save(cr_);
        cairo_scale(cr_, kCell, kCell);
        cairo_set_source_surface(cr_, image, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_BILINEAR);
        const double fade = std::clamp(request_.parcel_zoom + 2 - zoom(), 0.0, 2.0) / 2.0;  // gone two zooms past the parcel zoom
        cairo_paint_with_alpha(cr_, fade);
        cairo_restore(cr_);
        cairo_surface_destroy(image);
    }

    std::vector<Colour> heat_ramp() const {
        for (const auto& section : request_.legend) {
            if (section.value("type", "") != "ramp") continue;
            std::vector<Colour> ramp;
            for (const auto& item : section["items"]) ramp.push_back(hex_colour(item["color"].get<std::string>()));
            if (ramp.size() >= 2) return ramp;
        }
        return {hex_colour("#ffffb2"), hex_colour("#bd0026")};
    }

    void panel(double x, double y, double width, double height) {
        cairo_new_path(cr_);
        const double r = 6;
        cairo_arc(cr_, x + width - r, y + r, r, -M_PI / 2, 0);
        cairo_arc(cr_, x + width - r, y + height - r, r, 0, M_PI / 2);
        cairo_arc(cr_, x + r, y + height - r, r, M_PI / 2, M_PI);
        cairo_arc(cr_, x + r, y + r, r, M_PI, 3 * M_PI / 2);
        cairo_close_path(cr_);
        set_colour(cr_, {1, 1, 1}, 0.92);
        cairo_fill(cr_);
    }

    void title() {
        if (request_.title.empty()) return;
        const TextStyle style{std::clamp(frame_.width() / 40.0, 16.0, 30.0), true};
        const auto extent = text_.measure(request_.title, style);
        panel(12, 12, extent.width + 20, extent.height + 12);
        text_.draw(request_.title, 22, 18, style);
    }

    // "数据截至 … · attribution · 审图号 …" along the bottom; returns its top.
    double footer() {
        const std::string line = credit_line({request_.data_as_of, request_.attribution, request_.approval_number},
                                             request_.lang == "en" ? CreditLanguage::en : CreditLanguage::zh);
        const TextStyle style{11 * chrome_};
        const auto extent = text_.measure(line, style);
        const double top = frame_.height() - extent.height - 10 * chrome_;
        panel(8, top - 3 * chrome_, extent.width + 12 * chrome_, extent.height + 6 * chrome_);
        text_.draw(line, 8 + 6 * chrome_, top, style);
        return top - 6 * chrome_;
    }

    void legend(double bottom) {
        if (request_.legend.empty()) return;
        const double k = chrome_;
        const TextStyle heading{12 * k, true}, label{11 * k};
        const double kSwatch = 11 * k, kGap = 4 * k, kWidth = 190 * k, kRamp = 26 * k, kRow = kSwatch + kGap + 3 * k;
        double height = 8 * k;
        for (const auto& section : request_.legend) {
            height += text_.measure(section["title"].get<std::string>(), heading).height + kGap;
            height += section["type"] == "ramp" ? kRamp : static_cast<double>(section["items"].size()) * kRow;
        }
        const double left = 10, top = bottom - height, inset = 8 * k;
        panel(left, top, kWidth, height);
        double y = top + 6 * k;
        for (const auto& section : request_.legend) {
            y += text_.draw(section["title"].get<std::string>(), left + inset, y, heading).height + kGap;
            const auto& items = section["items"];
            if (section["type"] == "ramp") {
                cairo_pattern_t* gradient = cairo_pattern_create_linear(left + inset, 0, left + kWidth - inset, 0);
                for (std::size_t i = 0; i < items.size(); ++i) {
                    const Colour c = hex_colour(items[i]["color"].get<std::string>());
                    cairo_pattern_add_color_stop_rgb(gradient, static_cast<double>(i) / static_cast<double>(items.size() - 1), c.r, c.g, c.b);
                }
                cairo_rectangle(cr_, left + inset, y, kWidth - 2 * inset, 8 * k);
                cairo_set_source(cr_, gradient);
                cairo_fill(cr_);
                cairo_pattern_destroy(gradient);
                const std::string low = items.front().value("label", ""), high = items.back().value("label", "");
                text_.draw(low, left + inset, y + 9 * k, label);
                text_.draw(high, left + kWidth - inset - text_.measure(high, label).width, y + 9 * k, label);
                y += kRamp;
                continue;
            }
            for (const auto& item : items) {
                cairo_rectangle(cr_, left + inset, y + 2 * k, kSwatch, kSwatch);
                set_colour(cr_, hex_colour(item["color"].get<std::string>()));
                cairo_fill(cr_);
                text_.draw(item["label"].get<std::string>(), left + inset + kSwatch + 6 * k, y, label);
                y += kRow;
            }
        }
    }

    void north_arrow() {
        const double x = frame_.width() - 30, y = 18;
        panel(x - 16, y - 6, 32, 52);
        cairo_new_path(cr_);
        cairo_move_to(cr_, x, y);
        cairo_line_to(cr_, x + 8, y + 24);
        cairo_line_to(cr_, x, y + 19);
        cairo_line_to(cr_, x - 8, y + 24);
        cairo_close_path(cr_);
        set_colour(cr_, hex_colour("#243b55"));
        cairo_fill(cr_);
        const std::string north = request_.lang == "en" ? "N" : "北";
        const TextStyle style{12, true};
        text_.draw(north, x - text_.measure(north, style).width / 2, y + 26, style);
    }

    // A bar of a round length (1, 2 or 5 × 10^n m) up to 120 px; returns its top.
    double scale_bar(double bottom) {
        const double metres_per_pixel = frame_.metres_per_pixel();
        double length = std::pow(10.0, std::floor(std::log10(120 * metres_per_pixel)));
        for (double step : {5.0, 2.0, 1.0}) {
            if (step * length <= 120 * metres_per_pixel) {
                length *= step;
                break;
            }
        }
        const double pixels = length / metres_per_pixel;
        const std::string label = length >= 1000 ? fit::format_number(length / 1000) + " km" : fit::format_number(length) + " m";
        const double right = frame_.width() - 14, top = bottom - 26, taller = 11 * (chrome_ - 1);  // room for larger words
        panel(right - pixels - 10, top - 4 - taller, pixels + 20, 30 + taller);
        cairo_new_path(cr_);
        cairo_move_to(cr_, right - pixels, top + 16);
        cairo_line_to(cr_, right - pixels, top + 21);
        cairo_line_to(cr_, right, top + 21);
        cairo_line_to(cr_, right, top + 16);
        set_colour(cr_, hex_colour("#243b55"));
        cairo_set_line_width(cr_, 1.5);
        cairo_stroke(cr_);
        const TextStyle style{11 * chrome_};
        text_.draw(label, right - pixels / 2 - text_.measure(label, style).width / 2, top - taller, style);
        return top - 8 - taller;
    }

    void qr_code(const std::string& url, double bottom) {
        std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
        if (!code) throw std::runtime_error("cannot encode the QR code");
        const double module = std::max(2.0, 96.0 / code->width);
        const double size = module * code->width;
        const double x = frame_.width() - 14 - size, y = bottom - size;
        cairo_rectangle(cr_, x - 6, y - 6, size + 12, size + 12);
        set_colour(cr_, {1, 1, 1});
        cairo_fill(cr_);
        for (int row = 0; row < code->width; ++row) {
            for (int column = 0; column < code->width; ++column) {
                if (code->data[row * code->width + column] & 1) cairo_rectangle(cr_, x + column * module, y + row * module, module, module);
            }
        }
        set_colour(cr_, {0, 0, 0});
        cairo_fill(cr_);
    }

    cairo_t* cr_;
    const source::ParcelSource& source_;
    std::vector<std::string_view> statuses_;  // views of request_.visible_statuses
    const StaticMapRequest& request_;
    const MapFrame& frame_;
    // The legend, the credit line and the scale bar grow with the image, so a
    // 1920-px slide does not carry 11-px words: 1 up to 1000 px wide, then in step.
    double chrome_;
    TextPainter text_;
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Cairo writes SVG text as glyph outlines; the words go in as <text> (and
// the title as <title>) so the file is searchable and Chinese stays Chinese.
std::string with_svg_text(std::string svg, const std::vector<TextPainter::Recorded>& texts, const std::string& title) {
    std::string elements = "<g font-family=\"Noto Sans CJK SC, sans-serif\">\n";
    char colour[8];
    for (const auto& t : texts) {
        std::snprintf(colour, sizeof colour, "#%02x%02x%02x", int(t.style.colour.r * 255), int(t.style.colour.g * 255), int(t.style.colour.b * 255));
        elements += "<text x=\"" + std::to_string(t.x) + "\" y=\"" + std::to_string(t.y) + "\" font-size=\"" + std::to_string(t.size) +
                    "\"" + (t.style.bold ? " font-weight=\"bold\"" : "") + " fill=\"" + colour + "\">" + text::xml_escaped(t.text) + "</text>\n";
    }
    elements += "</g>\n";
    const std::size_t end = svg.rfind("</svg>");
    if (end == std::string::npos) throw std::runtime_error("cairo wrote no SVG end tag");
    svg.insert(end, elements);
    const std::size_t open = svg.find('>', svg.find("<svg"));
    if (!title.empty() && open != std::string::npos) svg.insert(open + 1, "\n<title>" + text::xml_escaped(title) + "</title>");
    return svg;
}

}  // namespace

std::optional<geo::LonLatBox> matching_extent(store::Database& db, const filter::SqlCondition& condition) {
    auto statement = db.prepare("SELECT min(i.xmin), min(i.ymin), max(i.xmax), max(i.ymax)" + store::parcels_in_box(condition));
    store::bind_box(statement, {-180, -90, 180, 90});  // the whole world: only the condition decides
    filter::bind_condition(statement, condition, 5);
    statement.step();
    if (statement.is_null(0)) return std::nullopt;
    return geo::LonLatBox{statement.column_double(0), statement.column_double(1), statement.column_double(2), statement.column_double(3)};
}

std::string render_static_map(const source::ParcelSource& source, const StaticMapRequest& request) {
    const int width = request.frame.width() * request.pixel_ratio, height = request.frame.height() * request.pixel_ratio;
    std::string bytes;
    cairo_surface_t* surface = nullptr;
    switch (request.format) {
        case ImageFormat::png: surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height); break;
        case ImageFormat::pdf: surface = cairo_pdf_surface_create_for_stream(append_bytes, &bytes, width, height); break;
        case ImageFormat::svg: surface = cairo_svg_surface_create_for_stream(append_bytes, &bytes, width, height); break;
    }
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> owned(surface, cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface), cairo_destroy);
    Painter painter(cr.get(), source, request);
    painter.paint();
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) throw std::runtime_error(cairo_status_to_string(cairo_status(cr.get())));
    if (request.format == ImageFormat::png) {
        return encode_png(surface);
    }
    const auto recorded = painter.text().recorded();
    cr.reset();
    cairo_surface_finish(surface);  // flushes the stream
    if (request.format == ImageFormat::svg) return with_svg_text(std::move(bytes), recorded, request.title);
    return bytes;
}

}  // namespace investmap::render
