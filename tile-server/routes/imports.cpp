// POST /api/imports?filename=…&kind=…&s_srs=…&generate_codes=…&dry_run=1 —
// staff import a file from /admin with the importer `investmap import` runs.
// The upload arrives as the body (streamed to a file by the server when it
// is large, capped by import_max_mb); it is read in a folder of its own that
// is removed afterwards. Archives — zip, and the zip-based XLSX and KMZ —
// are checked before GDAL opens them through /vsizip/: a bounded number of
// entries and of unpacked bytes, so a zip bomb is refused unopened. The
// answer is the import's summary as JSON, with the grouped rejections, the
// mapping-file lines for unknown labels, the notes and, for a dry run, the
// parcels as GeoJSON for the page's map.
#include "routes.hpp"

#include "../auth/authenticator.hpp"

#include "errors.hpp"
#include "geojson/geojson_geometry.hpp"
#include "importers/generated_codes.hpp"
#include "importers/parcel_import.hpp"
#include "importers/rejection_report.hpp"
#include "importers/vector_source.hpp"
#include "importers/web_input.hpp"
#include "text/ascii.hpp"
#include "text/utf8.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace investmap::server::routes {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The formats an officer uploads, by the file name's extension.
constexpr std::array<std::string_view, 10> kImportExtensions = {"xlsx", "csv", "zip", "gpkg", "kml", "kmz",
                                                                 "geojson", "json", "dxf", "dwg"};
// What a zip may hold as its data (a zipped Shapefile is the usual case).
constexpr std::array<std::string_view, 9> kDataInZip = {"shp", "gpkg", "geojson", "json", "kml", "csv", "xlsx", "dxf", "tab"};
constexpr std::size_t kMaxArchiveEntries = 1000;
constexpr std::uint64_t kUnpackedPerUploadedByte = 20;  // and never more than kMaxUnpackedBytes
constexpr std::uint64_t kMaxUnpackedBytes = std::uint64_t{2} << 30;
// A sheet (XLSX) or KML is parsed whole into memory by GDAL: its unpacked
// size is held to what the server can afford beside its tiles.
constexpr std::uint64_t kMaxUnpackedDocumentBytes = std::uint64_t{256} << 20;
constexpr std::size_t kPreviewParcels = 5000;
constexpr std::size_t kMaxFilenameBytes = 255;

[[noreturn]] void bad_parameter(std::string_view name, const std::string& zh, const std::string& en) {
    throw HttpError(400, "bad_parameter", zh + " / " + en + " (" + std::string(name) + ")");
}

std::string lower_extension(std::string_view filename) {
    const auto dot = filename.rfind('.');
    return dot == std::string_view::npos ? std::string() : text::ascii_lower(filename.substr(dot + 1));
}

// The upload's own name: shown in messages and the audit, never a path.
std::string checked_filename(const Request& request) {
    const auto name = query_parameter(request, "filename");
    if (!name || name->empty()) {
        bad_parameter("filename", "缺少文件名 filename，如 filename=闲置厂房.xlsx", "filename is required, e.g. filename=parcels.xlsx");
    }
    const bool plain = name->size() <= kMaxFilenameBytes && text::is_valid_utf8(*name) &&
                       name->find_first_of(std::string("/\\\0", 3)) == std::string::npos && *name != "." && *name != "..";
    if (!plain) bad_parameter("filename", "文件名应为不含路径的文件名", "filename must be a plain file name, without a path");
    if (std::ranges::find(kImportExtensions, lower_extension(*name)) == kImportExtensions.end()) {
        bad_parameter("filename", "不支持的文件类型，可用 XLSX、CSV、zip（Shapefile）、GeoPackage、KML/KMZ、GeoJSON、DXF/DWG",
                      "unsupported file type; use xlsx, csv, zip (a Shapefile), gpkg, kml, kmz, geojson, dxf or dwg");
    }
    return *name;
}

bool flag(const Request& request, std::string_view name) {
    const auto value = query_parameter(request, name);
    if (!value || *value == "0" || *value == "false") return false;
    if (*value == "1" || *value == "true") return true;
    bad_parameter(name, "应为 1 或 0", "must be 1 or 0");
}

importers::ImportOptions options_from(const Request& request) {
    importers::ImportOptions options;
    if (auto kind = query_parameter(request, "kind"); kind && !kind->empty()) {
        if (!vocabulary::find_kind(*kind)) bad_parameter("kind", "未知类型", "unknown kind; use " + vocabulary::joined_codes(vocabulary::kKinds));
        options.kind = *kind;
    }
    if (auto s_srs = query_parameter(request, "s_srs"); s_srs && !s_srs->empty()) {
        if (!importers::is_safe_crs_text(*s_srs)) {
            bad_parameter("s_srs", "坐标系应为 EPSG 代码、GCJ02、BD09 或 +proj= 管线（不引用文件）",
                          "give an EPSG code, GCJ02, BD09 or a +proj= string that names no file or URL");
        }
        options.s_srs = *s_srs;
    }
    if (auto encoding = query_parameter(request, "encoding"); encoding && !encoding->empty()) {
        const auto known = std::ranges::find_if(importers::kSourceEncodings, [&](const std::string& e) { return text::iequals_ascii(e, *encoding); });
        if (known == importers::kSourceEncodings.end()) bad_parameter("encoding", "未知编码，如 GBK", "unknown encoding, e.g. GBK");
        options.encoding = *known;
    }
    if (auto prefix = query_parameter(request, "generate_codes"); prefix && !prefix->empty()) {
        if (auto problem = importers::generated_code_prefix_problem(*prefix)) bad_parameter("generate_codes", "前缀无效", importers::one_line(*problem));
        options.generate_codes = *prefix;
    }
    if (auto layer = query_parameter(request, "layer"); layer && !layer->empty()) options.layer = *layer;
    if (auto cad_layer = query_parameter(request, "cad_layer"); cad_layer && !cad_layer->empty()) options.cad.layer = *cad_layer;
    if (auto label = query_parameter(request, "cad_label"); label && !label->empty()) {
        if (*label != "code" && *label != "name") bad_parameter("cad_label", "应为 code 或 name", "must be code or name");
        options.cad.label = *label == "name" ? importers::CadLabel::name : importers::CadLabel::code;
    }
    options.dry_run = flag(request, "dry_run");
    options.skip_rejected = flag(request, "skip_rejected");
    options.allow_unlocated = flag(request, "allow_unlocated");
    return options;
}

// A folder of the import's own beside the uploads, removed with everything in it.
class WorkFolder {
public:
    explicit WorkFolder(const ServerConfig& config) {
        static std::atomic<std::uint64_t> imports{0};
        path_ = fs::path(config.media_dir) / (".import-" + std::to_string(::getpid()) + "-" + std::to_string(++imports));
        std::error_code error;
        fs::create_directories(path_, error);
        if (error) throw HttpError(507, "disk_full", "无法保存上传的文件 / cannot store the upload: " + error.message());
    }
    ~WorkFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    WorkFolder(const WorkFolder&) = delete;
    WorkFolder& operator=(const WorkFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Puts the upload in the work folder under a name GDAL knows by its extension.
fs::path place_upload(const Request& request, const WorkFolder& folder, const std::string& extension) {
    const fs::path target = folder.path() / ("upload." + extension);
    std::error_code error;
    if (!request.body_file.empty()) {
        fs::rename(request.body_file, target, error);  // the same folder tree: nothing is copied
    } else if (request.body.empty()) {
        throw HttpError(400, "empty_body", "没有上传文件：请求体为空 / no file: the body is empty");
    } else {
        std::ofstream out(target, std::ios::binary);
        out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
        if (!out.flush()) error = std::make_error_code(std::errc::io_error);
    }
    if (error) throw HttpError(507, "disk_full", "无法保存上传的文件 / cannot store the upload: " + error.message());
    return target;
}

[[noreturn]] void unusable(const std::string& zh, const std::string& en) { throw HttpError(422, "unusable_file", zh + " / " + en); }

// The archive's directory, read without unpacking anything: refused when it
// has too many entries or unpacks to too much. Returns the entries' names.
std::vector<std::string> checked_archive(const fs::path& archive, std::uint64_t most_unpacked) {
    const std::string root = "/vsizip/" + archive.string();
    char** listing = VSIReadDirRecursive(root.c_str());
    if (!listing) unusable("压缩包已损坏或不是 zip", "the archive is damaged or not a zip file");
    std::vector<std::string> entries;
    for (char** entry = listing; *entry; ++entry) {
        entries.emplace_back(*entry);
        if (entries.size() > kMaxArchiveEntries) break;
    }
    CSLDestroy(listing);
    if (entries.size() > kMaxArchiveEntries) {
        unusable("压缩包内文件超过 " + std::to_string(kMaxArchiveEntries) + " 个",
                 "the archive holds more than " + std::to_string(kMaxArchiveEntries) + " entries");
    }
    std::error_code error;
    const std::uint64_t packed = fs::file_size(archive, error);
    const std::uint64_t allowed = std::min(most_unpacked, std::max<std::uint64_t>(packed, 1 << 20) * kUnpackedPerUploadedByte);
    std::uint64_t unpacked = 0;
    for (const std::string& entry : entries) {
        VSIStatBufL stat{};
        if (VSIStatL((root + "/" + entry).c_str(), &stat) == 0 && stat.st_size > 0) unpacked += static_cast<std::uint64_t>(stat.st_size);
        if (unpacked > allowed) {
            unusable("压缩包解压后超过 " + std::to_string(allowed >> 20) + " MB，拒绝打开",
                     "the archive would unpack to more than " + std::to_string(allowed >> 20) + " MB; not opened");
        }
    }
    return entries;
}

// The one data file in a zip (a Shapefile's .shp, a GeoPackage …).
std::string data_in_zip(const fs::path& archive, const std::vector<std::string>& entries) {
    std::vector<std::string> found;
    for (const std::string& entry : entries) {
        const bool hidden = entry.find("__MACOSX") != std::string::npos || fs::path(entry).filename().string().starts_with(".");
        if (!hidden && std::ranges::find(kDataInZip, lower_extension(entry)) != kDataInZip.end()) found.push_back(entry);
    }
    if (found.size() == 1) return "/vsizip/" + archive.string() + "/" + found.front();
    std::string names;
    for (const std::string& name : found) names += (names.empty() ? "" : ", ") + name;
    if (found.empty()) unusable("压缩包里没有可导入的数据（.shp、.gpkg、.geojson …）", "the zip holds no data to import (.shp, .gpkg, .geojson …)");
    unusable("压缩包里有多个数据文件，请一次上传一个：" + names, "the zip holds several data files, upload one at a time: " + names);
}

// GDAL's own messages may name the file by its path in the work folder: the
// user knows it by the name they uploaded.
std::string in_users_words(std::string text, const WorkFolder& folder, const std::string& filename) {
    for (const std::string& path : {folder.path().string() + "/upload", folder.path().string()}) {
        for (auto at = text.find(path); at != std::string::npos; at = text.find(path, at + filename.size())) {
            auto end = at + path.size();
            while (end < text.size() && text[end] != ' ' && text[end] != ')' && text[end] != '\n' && text[end] != ':') ++end;
            text.replace(at, end - at, filename);
        }
    }
    return importers::one_line(text);
}

json rejections_json(const importers::RejectionGroups& rejections) {
    json groups = json::array();
    for (const importers::RejectionGroup& group : rejections.groups()) {
        const auto split = group.reason.find("\n  ");
        json entry = {{"field", group.field},
                      {"reason_zh", group.reason.substr(0, split)},
                      {"reason_en", split == std::string::npos ? group.reason : group.reason.substr(split + 3)},
                      {"count", group.count},
                      {"features", group.first_features}};
        if (!group.unknown_label.empty()) entry["label"] = group.unknown_label;
        groups.push_back(std::move(entry));
    }
    return groups;
}

json preview_json(const std::vector<importers::PreviewParcel>& parcels) {
    const geojson::GeoJsonGeometryWriter writer;
    json features = json::array();
    for (const importers::PreviewParcel& parcel : parcels) {
        features.push_back({{"type", "Feature"},
                            {"id", parcel.code},
                            {"properties", {{"code", parcel.code}, {"name", parcel.name}, {"kind", parcel.kind}, {"status", parcel.status}}},
                            {"geometry", json::parse(writer.from_wkb(parcel.wkb))}});
    }
    return {{"type", "FeatureCollection"}, {"features", features}};
}

json summary_json(const importers::ImportSummary& summary, const std::string& filename, const std::string& log) {
    return {{"filename", filename},
            {"dry_run", summary.dry_run},
            {"written", !summary.dry_run && !summary.refused},
            {"refused", summary.refused},
            {"counts",
             {{"read", summary.read}, {"inserted", summary.inserted}, {"updated", summary.updated}, {"unchanged", summary.unchanged},
              {"repaired", summary.repaired}, {"rejected", summary.rejected}, {"unlocated", summary.unlocated}}},
            {"seconds", summary.seconds},
            {"rejections", rejections_json(summary.rejections)},
            {"mapping_lines", summary.rejections.mapping_lines()},
            {"notes", summary.notes},
            {"log", text::sanitized_utf8(log)}};
}

}  // namespace

Response post_import(const ServerConfig& config, SharedDatabase& database, const Request& request) {
    const Caller& caller = require_staff(request);
    accept_only(request, parameters::kImports);
    const std::string filename = checked_filename(request);
    importers::ImportOptions options = options_from(request);
    const WorkFolder folder(config);
    const std::string extension = lower_extension(filename);
    const fs::path upload = place_upload(request, folder, extension);
    std::string source = upload.string();
    if (extension == "zip" || extension == "kmz" || extension == "xlsx") {
        const std::vector<std::string> entries =
            checked_archive(upload, extension == "zip" ? kMaxUnpackedBytes : kMaxUnpackedDocumentBytes);
        if (extension == "zip") source = data_in_zip(upload, entries);
    }
    options.sources = {source};
    options.db_path = database.path();
    options.source_name = filename;
    options.actor = caller.name;
    options.refusal_throws = false;
    options.preview_limit = options.dry_run ? kPreviewParcels : 0;

    std::ostringstream log;
    importers::ImportSummary summary;
    try {
        // One writer at a time with staff edits; the importer has its own
        // connection and transaction, and the tiles see the new data version.
        database.write([&](store::Database&) { summary = importers::import_parcels(options, log); });
    } catch (const UsageError& error) {
        throw HttpError(400, "bad_parameter", in_users_words(error.what(), folder, filename));
    } catch (const InputError& error) {
        throw HttpError(422, "unusable_file", in_users_words(error.what(), folder, filename));
    }
    json body = summary_json(summary, filename, log.str());
    if (options.dry_run) body["preview"] = preview_json(summary.preview);
    Response response;
    response.status = summary.refused && !options.dry_run ? 422 : 200;
    response.body = body.dump();
    response.headers = {{"Cache-Control", "no-store"}};
    return response;
}

}  // namespace investmap::server::routes
