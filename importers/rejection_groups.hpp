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

// The rows refused for one reason on one field.
struct RejectionGroup {
    std::string field;
    std::string reason;  // "中文\n  English"
    std::string unknown_label;
    std::int64_t count = 0;
    std::vector<std::int64_t> first_features;
};

class RejectionGroups {
public:
    void add(const Rejection& rejection);
    bool empty() const { return groups_.empty(); }
    // In the order they first appeared.
    const std::vector<RejectionGroup>& groups() const { return groups_; }
    // The groups, at most `shown` of them, then the mapping lines.
    void write(std::ostream& out, std::size_t shown = 20) const;
    // The [values.…] lines that would name the unknown labels, with a
    // bilingual line before them; "" when there are none.
    std::string mapping_lines() const;

private:
    std::vector<RejectionGroup> groups_;
    std::unordered_map<std::string, std::size_t> index_;  // field + '\n' + reason → group
};

// A TOML basic string: "…" with quotes, backslashes and control bytes escaped.
std::string toml_quoted(std::string_view text);

}  // namespace investmap::importers
