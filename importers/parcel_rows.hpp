#pragma once
// Builds a parcel record from one source row: picks each field's columns,
// applies defaults, converts labels and numbers, and collects what is wrong.
#include "importers/field_mapping.hpp"
#include "importers/geometry_cleaning.hpp"
#include "store/parcel_model.hpp"

#include <bitset>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace investmap::importers {

struct FieldProblem {
    std::string field;
    std::string reason;
    std::string unknown_label;  // set when the value is a label no table knows
};

struct ParcelRow {
    store::ParcelRecord record;
    // Fields the source speaks for. On an update only these overwrite the
    // stored values, so a column a district leaves out does not erase data.
    std::bitset<store::kParcelFields.size()> provided;
    bool code_generated = false;  // by --generate-codes, from the name and address
};

// Text of a source column by its index in the layer.
using ColumnText = std::function<std::string(int column)>;

class ParcelRowBuilder {
public:
    // `code_prefix`: rows without a code get one generated from their name
    // and address (--generate-codes PREFIX).
    ParcelRowBuilder(ResolvedMapping mapping, MappingFile file, std::optional<std::string> default_kind,
                     std::optional<std::string> code_prefix = std::nullopt);

    // The attributes of one row; problems are appended to `problems`.
    ParcelRow build(const ColumnText& text, std::vector<FieldProblem>& problems) const;
    // Sets the geometry, and the area from it when the row gave none.
    static void add_geometry(ParcelRow& row, const CleanGeometry& geometry);

    bool has_column(std::size_t target) const { return !mapping_.sources[target].empty(); }
    // The source columns any field reads, in order, once each: what an
    // import copies out of each feature before build() runs.
    std::vector<int> columns_read() const;
    // Whether the row has an area of its own (m² or 亩) to give, so the
    // geometry's need not be measured. A value that does not parse still
    // counts: build() reports it and the row is refused.
    bool gives_area(const ColumnText& text) const;

private:
    std::string raw_value(std::size_t target, const ColumnText& text) const;
    store::FieldValue convert(std::size_t target, const std::string& raw) const;

    void generate_code(ParcelRow& row, const ColumnText& text, std::vector<FieldProblem>& problems) const;

    ResolvedMapping mapping_;
    MappingFile file_;
    std::optional<std::string> code_prefix_;
};

}  // namespace investmap::importers
