#include "importers/rejection_report.hpp"

#include "errors.hpp"

#include <fstream>

namespace investmap::importers {
namespace {

std::string csv_cell(const std::string& text) {
    std::string cell = "\"";
    for (char c : text) cell += c == '"' ? std::string("\"\"") : std::string(1, c);
    return cell + "\"";
}

}  // namespace

std::string one_line(const std::string& reason) {
    std::string line = reason;
    for (auto at = line.find("\n  "); at != std::string::npos; at = line.find("\n  ")) line.replace(at, 3, " / ");
    return line;
}

void write_rejection_report(const std::string& path, const std::vector<Rejection>& rejections) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError("无法写入报告文件 " + path, "cannot write report file " + path);
    out << "\xEF\xBB\xBF" << "source,feature_id,code,field,reason\r\n";
    for (const Rejection& rejection : rejections) {
        out << csv_cell(rejection.source) << ',' << rejection.feature_id << ',' << csv_cell(rejection.code) << ','
            << csv_cell(rejection.field) << ',' << csv_cell(one_line(rejection.reason)) << "\r\n";
    }
    if (!out.flush()) throw InputError("无法写入报告文件 " + path, "cannot write report file " + path);
}

}  // namespace investmap::importers
