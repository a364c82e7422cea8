#include "importers/rejection_groups.hpp"

#include "importers/value_parsing.hpp"
#include "vocabulary/vocabulary.hpp"

#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>

namespace investmap::importers {
namespace {

constexpr std::size_t kFeaturesShown = 5;

// What a user may write on the right of a [values.<table>] line.
std::string choices(const std::string& table) {
    if (table == "status") return vocabulary::joined_codes(vocabulary::kStatuses);
    if (table == "kind") return vocabulary::joined_codes(vocabulary::kKinds);
    return "GB 50137 代码 code, 如 e.g. M1";
}

}  // namespace

std::string toml_quoted(std::string_view text) {
    std::string quoted = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += c;
        } else if (byte < 0x20 || byte == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04X", byte);
            quoted += escaped;
        } else {
            quoted += c;
        }
    }
    return quoted + "\"";
}

void RejectionGroups::add(const Rejection& rejection) {
    const auto [it, is_new] = index_.try_emplace(rejection.field + '\n' + rejection.reason, groups_.size());
    if (is_new) groups_.push_back({rejection.field, rejection.reason, rejection.unknown_label});
    RejectionGroup& group = groups_[it->second];
    ++group.count;
    if (group.first_features.size() < kFeaturesShown) group.first_features.push_back(rejection.feature_id);
}

void RejectionGroups::write(std::ostream& out, std::size_t shown) const {
    for (std::size_t i = 0; i < groups_.size() && i < shown; ++i) {
        const RejectionGroup& group = groups_[i];
        out << "拒绝 rejected " << group.count << " 行 rows · " << group.field << ": " << one_line(group.reason)
            << " · 要素 features ";
        for (std::size_t j = 0; j < group.first_features.size(); ++j) out << (j ? ", " : "") << group.first_features[j];
        out << (group.count > static_cast<std::int64_t>(group.first_features.size()) ? " …\n" : "\n");
    }
    if (groups_.size() > shown) {
        out << "…… 另有 " << groups_.size() - shown << " 种原因 and " << groups_.size() - shown
            << " more kinds of problem (--report R.csv lists every row)\n";
    }
    out << mapping_lines();
}

std::string RejectionGroups::mapping_lines() const {
    std::map<std::string, std::vector<const RejectionGroup*>> by_table;  // sorted: kind, land_use, status
    for (const RejectionGroup& group : groups_) {
        if (!group.unknown_label.empty()) by_table[group.field].push_back(&group);
    }
    if (by_table.empty()) return {};
    std::ostringstream out;
    out << "把下面几行加进映射文件（--mapping M.toml），填好或核对代码后重新导入\n"
           "paste these lines into a mapping file (--mapping M.toml), fill in or check each code, and import again:\n";
    for (const auto& [table, groups] : by_table) {
        out << "[values." << table << "]\n";
        for (const RejectionGroup* group : groups) {
            out << toml_quoted(group->unknown_label) << " = ";
            if (const auto guess = guess_label_code(table, group->unknown_label)) {
                out << toml_quoted(*guess) << "  # 猜测，请核对 a guess: check it (" << choices(table) << ")\n";
            } else {
                out << "\"\"  # 请填写 fill in one of: " << choices(table) << '\n';
            }
        }
    }
    return out.str();
}

}  // namespace investmap::importers
