#pragma once
// What an import tells the user about the rows it refused: one line per
// (field, reason) with its count and first feature ids, not one per row,
// and for labels no table knows, the mapping-file lines that would name them.
#include "importers/rejection_report.hpp"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

namespace investmap::importers {

class RejectionGroups {
public:
    void add(const Rejection& rejection);
    bool empty() const { return groups_.empty(); }
    // The groups in the order they first appeared, at most `shown` of them,
    // then the [values.…] lines for the unknown labels.
    void write(std::ostream& out, std::size_t shown = 20) const;

private:
    struct Group {
        std::string field;
        std::string reason;
        std::string unknown_label;
        std::int64_t count = 0;
        std::vector<std::int64_t> first_features;
    };
    void write_mapping_lines(std::ostream& out) const;

    std::vector<Group> groups_;
    std::unordered_map<std::string, std::size_t> index_;  // field + '\n' + reason → group
};

// A TOML basic string: "…" with quotes, backslashes and control bytes escaped.
std::string toml_quoted(std::string_view text);

}  // namespace investmap::importers
