#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace investmap::importers {

// One row an import could not use, and why.
struct Rejection {
    std::string source;
    std::int64_t feature_id = 0;
    std::string code;
    std::string field;
    std::string reason;  // "中文\n  English"
    std::string unknown_label;  // the label, when the value is one no table knows
};

// Writes the rejections as CSV (UTF-8 with a byte-order mark, which Excel and
// WPS need to show Chinese): source, feature_id, code, field, reason.
void write_rejection_report(const std::string& path, const std::vector<Rejection>& rejections);

// "中文\n  English" as one line: "中文 / English".
std::string one_line(const std::string& reason);

}  // namespace investmap::importers
