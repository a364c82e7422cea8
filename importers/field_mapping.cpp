#include "importers/field_mapping.hpp"

#include "errors.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>

#include <algorithm>
#include <cctype>

namespace investmap::importers {
namespace {

struct Aliases {
    std::string_view target;
    std::initializer_list<std::string_view> names;  // already normalised
};

// Order matters: a column goes to the first target whose alias it matches.
const std::initializer_list<Aliases> kAliases = {
    {"code", {"code", "地块编号", "编号", "地块代码", "宗地编号", "宗地代码", "项目编号", "资源编号", "parcelcode",
              "parcelid", "dkbh"}},
    {"name", {"name", "名称", "地块名称", "项目名称", "宗地名称", "楼宇名称", "厂房名称", "资源名称", "mc"}},
    {"kind", {"kind", "类型", "类别", "载体类型", "资源类型", "type"}},
    {"status", {"status", "状态", "招商状态", "现状"}},
    {"land_use", {"landuse", "用地性质", "用地类型", "土地用途", "规划用途", "规划用地性质"}},
    {"area_mu", {"areamu", "面积亩", "用地面积亩", "占地面积亩", "土地面积亩", "亩数", "亩"}},
    {"area_m2", {"aream2", "area", "面积", "面积m2", "面积㎡", "面积平方米", "占地面积", "用地面积", "土地面积",
                 "占地面积m2", "用地面积m2", "用地面积㎡"}},
    {"floor_area_m2", {"floorarea", "flooraream2", "建筑面积", "建筑面积m2", "建筑面积㎡", "可租面积", "可售面积"}},
    {"floor_height_m", {"floorheight", "floorheightm", "层高", "层高m", "层高米", "净高"}},
    {"floor_load_kn_m2", {"floorload", "floorloadknm2", "荷载", "楼面荷载", "承重", "地面荷载"}},
    {"power_kva", {"powerkva", "power", "电力容量", "供电容量", "变压器容量", "电力容量kva", "供电容量kva"}},
    {"rent_yuan_m2_month", {"rent", "rentyuanm2month", "租金", "月租金", "租金元㎡月", "租金元m2月", "租金元平方米月",
                            "参考租金"}},
    {"land_price_wan_per_mu", {"landprice", "landpricewanpermu", "地价", "土地价格", "出让价", "出让价格", "地价万元亩",
                               "基准地价"}},
    {"available_from", {"availablefrom", "可用日期", "可用时间", "交付日期", "交付时间", "可入驻日期", "可入驻时间"}},
    {"park", {"park", "园区", "所属园区", "片区", "所在园区"}},
    {"address", {"address", "地址", "位置", "坐落", "坐落位置"}},
    {"contact", {"contact", "联系人", "联系电话", "联系方式", "电话", "phone"}},
    {"description", {"description", "简介", "描述", "说明", "项目简介"}},
    {"video_url", {"videourl", "video", "视频", "视频链接"}},
    {"owner", {"owner", "权属人", "业主", "产权人", "产权单位", "权属单位"}},
    {"counterparty", {"counterparty", "意向企业", "洽谈企业", "签约企业"}},
    {"notes", {"notes", "备注", "内部备注"}},
};

[[noreturn]] void mapping_error(const std::string& path, const toml::source_region& where, const std::string& zh,
                                const std::string& en) {
    const std::string place = path + ":" + std::to_string(where.begin.line);
    throw InputError("映射文件 " + place + "：" + zh, "mapping file " + place + ": " + en);
}

std::size_t target_or_throw(const std::string& path, const toml::node& node, std::string_view name) {
    if (auto target = find_target(name)) return *target;
    mapping_error(path, node.source(), "未知字段“" + std::string(name) + "”",
                  "unknown field '" + std::string(name) + "'; see data/mapping-example.toml for the field names");
}

std::vector<std::string> column_names(const std::string& path, const toml::node& node) {
    if (auto text = node.value<std::string>()) return {*text};
    std::vector<std::string> names;
    if (const auto* list = node.as_array()) {
        for (const auto& item : *list) {
            if (auto text = item.value<std::string>()) names.push_back(*text);
            else mapping_error(path, item.source(), "列名应为文本", "column names must be strings");
        }
    }
    if (names.empty()) mapping_error(path, node.source(), "应为列名或列名数组", "expected a column name or a list of them");
    return names;
}

LabelTable read_labels(const std::string& path, const toml::table& table, std::string_view kind,
                       bool (*is_code)(std::string_view)) {
    LabelTable labels;
    for (const auto& [label, code_node] : table) {
        auto code = code_node.value<std::string>();
        if (!code || !is_code(*code)) {
            mapping_error(path, code_node.source(), std::string(kind) + " 的值“" + std::string(label.str()) + "”映射到了无效代码",
                          "label '" + std::string(label.str()) + "' under [values." + std::string(kind) +
                              "] must map to a valid code");
        }
        labels.emplace(std::string(label.str()), *code);
    }
    return labels;
}

bool is_status_code(std::string_view code) { return vocabulary::find_status(code) != nullptr; }
bool is_kind_code(std::string_view code) { return vocabulary::find_kind(code) != nullptr; }
bool is_land_use(std::string_view code) {
    try {
        return parse_land_use(code) == code;
    } catch (const ValueError&) {
        return false;
    }
}

void read_values(const std::string& path, const toml::table& values, MappingFile& mapping) {
    for (const auto& [key, node] : values) {
        const auto* table = node.as_table();
        if (!table) mapping_error(path, node.source(), "[values] 下应为表", "entries under [values] must be tables");
        if (key == "status") mapping.status_labels = read_labels(path, *table, "status", &is_status_code);
        else if (key == "kind") mapping.kind_labels = read_labels(path, *table, "kind", &is_kind_code);
        else if (key == "land_use") mapping.land_use_labels = read_labels(path, *table, "land_use", &is_land_use);
        else mapping_error(path, node.source(), "未知的 [values." + std::string(key.str()) + "]",
                           "unknown [values." + std::string(key.str()) + "]; use status, kind or land_use");
    }
}

}  // namespace

std::string_view target_name(std::size_t target) {
    return target == kAreaMu ? std::string_view("area_mu") : store::kParcelFields.at(target).column;
}

std::optional<std::size_t> find_target(std::string_view name) {
    if (name == "area_mu") return kAreaMu;
    return store::field_index(name);
}

MappingFile load_mapping_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file) throw InputError("无法读取映射文件 " + path, "cannot read mapping file " + path);
    return parse_mapping(text.str(), path);
}

MappingFile parse_mapping(std::string_view toml_text, const std::string& path) {
    toml::table root;
    try {
        root = toml::parse(toml_text, path);
    } catch (const toml::parse_error& error) {
        const auto line = std::to_string(error.source().begin.line);
        throw InputError("映射文件 " + path + ":" + line + " 格式错误：" + std::string(error.description()),
                         "mapping file " + path + ":" + line + " is not valid TOML: " + std::string(error.description()));
    }
    MappingFile mapping;
    for (const auto& [section, node] : root) {
        if (section == "crs") {
            const auto crs = node.value<std::string>();
            if (!crs || crs->empty()) mapping_error(path, node.source(), "crs 应为文本，如 \"EPSG:4549\" 或 \"GCJ02\"",
                                                    "crs must be a string such as \"EPSG:4549\" or \"GCJ02\"");
            mapping.crs = *crs;
            continue;
        }
        const auto* table = node.as_table();
        if (!table) mapping_error(path, node.source(), "顶层只能是 crs 与 [fields]、[values]、[defaults]",
                                  "top level takes only crs, [fields], [values] and [defaults]");
        if (section == "fields") {
            for (const auto& [name, value] : *table)
                mapping.fields[target_or_throw(path, value, name.str())] = column_names(path, value);
        } else if (section == "defaults") {
            for (const auto& [name, value] : *table) {
                auto text = value.value<std::string>();
                if (!text) mapping_error(path, value.source(), "默认值应为文本", "defaults must be strings");
                mapping.defaults[target_or_throw(path, value, name.str())] = *text;
            }
        } else if (section == "values") {
            read_values(path, *table, mapping);
        } else {
            mapping_error(path, node.source(), "未知的节 [" + std::string(section.str()) + "]",
                          "unknown section [" + std::string(section.str()) + "]; use [fields], [values], [defaults]");
        }
    }
    return mapping;
}

std::string normalise_field_name(std::string_view name) {
    std::string out;
    for (char c : to_half_width(name)) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isspace(byte) || c == '_' || c == '-' || c == '(' || c == ')' || c == '[' || c == ']' || c == '/' ||
            c == '.') {
            continue;
        }
        out += static_cast<char>(std::tolower(byte));
    }
    return out;
}

ResolvedMapping resolve_mapping(const std::vector<std::string>& source_fields, const MappingFile& mapping) {
    ResolvedMapping resolved;
    std::vector<bool> used(source_fields.size(), false);
    for (const auto& [target, columns] : mapping.fields) {
        for (const std::string& column : columns) {
            auto it = std::ranges::find(source_fields, column);
            if (it == source_fields.end()) {
                std::string available;
                for (const auto& name : source_fields) available += (available.empty() ? "" : ", ") + name;
                throw InputError("映射文件指定的列“" + column + "”在源数据中不存在。现有列：" + available,
                                 "column '" + column + "' named in the mapping file is not in the source; it has: " +
                                     available);
            }
            const auto index = static_cast<std::size_t>(it - source_fields.begin());
            resolved.sources[target].push_back(static_cast<int>(index));
            used[index] = true;
        }
    }
    for (std::size_t i = 0; i < source_fields.size(); ++i) {
        if (used[i]) continue;
        const std::string key = normalise_field_name(source_fields[i]);
        for (const Aliases& aliases : kAliases) {
            const std::size_t target = *find_target(aliases.target);
            if (mapping.fields.contains(target)) continue;  // the mapping file decides this one
            if (std::ranges::find(aliases.names, key) != aliases.names.end()) {
                resolved.sources[target].push_back(static_cast<int>(i));
                used[i] = true;
                break;
            }
        }
        if (!used[i]) resolved.unused.push_back(source_fields[i]);
    }
    return resolved;
}

}  // namespace investmap::importers
