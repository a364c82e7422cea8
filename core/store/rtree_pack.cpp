#include "store/rtree_pack.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <span>
#include <string>

namespace investmap::store {
namespace {

constexpr std::array<std::string_view, 1> kKnownRtrees{"idx_parcels_geom"};

// SQLite's constants (rtree.c) for rounding a double outwards to a float.
constexpr double kTowardZero = 1.0 - 1.0 / 8388608.0;
constexpr double kAwayFromZero = 1.0 + 1.0 / 8388608.0;

constexpr std::size_t kNodeHeaderBytes = 4;   // depth (root only), cell count
constexpr std::size_t kCellBytes = 8 + 4 * 4;  // id, then min x, max x, min y, max y
constexpr std::size_t kMostCellsSqliteUses = 51;  // RTREE_MAXCELLS

struct Cell {
    std::int64_t id;                 // a row's id in a leaf, a child node's number above
    std::array<float, 4> box;        // min x, max x, min y, max y
    double centre_x() const { return (double{box[0]} + double{box[1]}) / 2; }
    double centre_y() const { return (double{box[2]} + double{box[3]}) / 2; }
};

void put_big_endian(std::string& bytes, std::size_t at, std::uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value >>= 8) bytes[at + i] = static_cast<char>(value & 0xff);
}

std::string node_blob(std::size_t node_bytes, std::span<const Cell> cells, int depth) {
    std::string node(node_bytes, '\0');  // unused space stays zero, as SQLite leaves it
    put_big_endian(node, 0, static_cast<std::uint64_t>(depth), 2);
    put_big_endian(node, 2, cells.size(), 2);
    std::size_t at = kNodeHeaderBytes;
    for (const Cell& cell : cells) {
        put_big_endian(node, at, static_cast<std::uint64_t>(cell.id), 8);
        for (std::size_t i = 0; i < 4; ++i) put_big_endian(node, at + 8 + 4 * i, std::bit_cast<std::uint32_t>(cell.box[i]), 4);
        at += kCellBytes;
    }
    return node;
}

Cell enclosing(std::int64_t node, std::span<const Cell> cells) {
    Cell parent{node, cells.front().box};
    for (const Cell& cell : cells.subspan(1)) {
        parent.box[0] = std::min(parent.box[0], cell.box[0]);
        parent.box[1] = std::max(parent.box[1], cell.box[1]);
        parent.box[2] = std::min(parent.box[2], cell.box[2]);
        parent.box[3] = std::max(parent.box[3], cell.box[3]);
    }
    return parent;
}

// Sort-Tile-Recursive: ⌈√nodes⌉ vertical slices by x, each sorted by y and
// cut into nodes of `per_node` cells. Returns each node's cells, in order.
std::vector<std::span<const Cell>> tile(std::vector<Cell>& cells, std::size_t per_node) {
    const std::size_t nodes = (cells.size() + per_node - 1) / per_node;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t per_slice = per_node * ((nodes + slices - 1) / slices);
    std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.centre_x() < b.centre_x(); });
    std::vector<std::span<const Cell>> groups;
    for (std::size_t start = 0; start < cells.size(); start += per_slice) {
        const auto slice_begin = cells.begin() + static_cast<std::ptrdiff_t>(start);
        const auto slice_end = cells.begin() + static_cast<std::ptrdiff_t>(std::min(start + per_slice, cells.size()));
        std::sort(slice_begin, slice_end, [](const Cell& a, const Cell& b) { return a.centre_y() < b.centre_y(); });
        for (auto group = slice_begin; group < slice_end; group += std::min<std::ptrdiff_t>(per_node, slice_end - group)) {
            groups.emplace_back(&*group, static_cast<std::size_t>(std::min<std::ptrdiff_t>(per_node, slice_end - group)));
        }
    }
    return groups;
}

std::string require_known(std::string_view rtree) {
    if (std::find(kKnownRtrees.begin(), kKnownRtrees.end(), rtree) == kKnownRtrees.end()) {
        throw DatabaseError("not an R*Tree investmap packs: " + std::string(rtree));
    }
    return std::string(rtree);
}

}  // namespace

float rtree_value_down(double value) {
    float f = static_cast<float>(value);
    if (double{f} > value) f = static_cast<float>(value * (value < 0 ? kAwayFromZero : kTowardZero));
    return f;
}

float rtree_value_up(double value) {
    float f = static_cast<float>(value);
    if (double{f} < value) f = static_cast<float>(value * (value < 0 ? kTowardZero : kAwayFromZero));
    return f;
}

void pack_rtree(Database& db, std::string_view rtree, std::vector<RtreeBox> boxes) {
    const std::string name = require_known(rtree);
    if (sqlite3_get_autocommit(db.handle())) {
        throw DatabaseError("packing R*Tree " + name + " needs a transaction, so a failure leaves no half-written tree");
    }
    if (db.query_int64("SELECT count(*) FROM \"" + name + "_rowid\"") != 0) {
        throw DatabaseError("R*Tree " + name + " is not empty; only an empty one can be packed");
    }
    // Every node is as long as the root SQLite made when it created the table.
    const auto node_bytes = static_cast<std::size_t>(
        db.query_int64("SELECT length(data) FROM \"" + name + "_node\" WHERE nodeno = 1"));
    const std::size_t per_node = std::min((node_bytes - kNodeHeaderBytes) / kCellBytes, kMostCellsSqliteUses);
    if (boxes.empty()) return;

    std::vector<Cell> cells;
    cells.reserve(boxes.size());
    for (const RtreeBox& b : boxes) {
        cells.push_back({b.id, {rtree_value_down(b.min_x), rtree_value_up(b.max_x), rtree_value_down(b.min_y),
                                rtree_value_up(b.max_y)}});
    }
    boxes = {};

    Statement write_node = db.prepare("INSERT INTO \"" + name + "_node\" (nodeno, data) VALUES (?, ?)");
    std::vector<std::pair<std::int64_t, std::int64_t>> row_leaf;     // row id → leaf node
    std::vector<std::pair<std::int64_t, std::int64_t>> node_parent;  // node → parent node
    const auto adopt = [&](std::span<const Cell> children, std::int64_t node, int depth) {
        for (const Cell& child : children) (depth == 0 ? row_leaf : node_parent).emplace_back(child.id, node);
    };
    std::int64_t next_node = 2;  // 1 is the root, written last
    int depth = 0;
    while (cells.size() > per_node) {
        std::vector<Cell> parents;
        for (std::span<const Cell> group : tile(cells, per_node)) {
            const std::int64_t node = next_node++;
            const std::string blob = node_blob(node_bytes, group, 0);
            write_node.bind(1, node).bind_blob(2, std::as_bytes(std::span(blob))).run();
            adopt(group, node, depth);
            parents.push_back(enclosing(node, group));
        }
        cells = std::move(parents);
        ++depth;
    }
    const std::string root = node_blob(node_bytes, cells, depth);
    db.prepare("UPDATE \"" + name + "_node\" SET data = ? WHERE nodeno = 1")
        .bind_blob(1, std::as_bytes(std::span(root)))
        .run();
    adopt(cells, 1, depth);

    // In key order, so each table grows at its end.
    std::sort(row_leaf.begin(), row_leaf.end());
    Statement write_rowid = db.prepare("INSERT INTO \"" + name + "_rowid\" (rowid, nodeno) VALUES (?, ?)");
    for (const auto& [row, leaf] : row_leaf) write_rowid.bind(1, row).bind(2, leaf).run();
    Statement write_parent = db.prepare("INSERT INTO \"" + name + "_parent\" (nodeno, parentnode) VALUES (?, ?)");
    for (const auto& [node, parent] : node_parent) write_parent.bind(1, node).bind(2, parent).run();
}

}  // namespace investmap::store
