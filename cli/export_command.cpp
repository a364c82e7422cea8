#include "export_command.hpp"

#include "errors.hpp"
#include "export/qgis_project.hpp"
#include "fit/fit_store.hpp"
#include "store/parcel_query.hpp"
#include "store/schema.hpp"
#include "text/url_query.hpp"
#include "tile-server/config.hpp"
#include "tile-server/public_base.hpp"
#include "tile-server/resources.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace investmap::cli {

CLI::App* setup_export(CLI::App& app, ExportOptions& options) {
    CLI::App* command = app.add_subcommand("export", "导出到其他软件 export for other software");
    command->require_subcommand(1);
    CLI::App* project = command->add_subcommand(
        "qgis-project", "QGIS 项目：带样式的矢量瓦片与 OGC API 地块数据，打开即用\n"
                        "a QGIS project: the styled vector tiles and the OGC API parcels, ready to open");
    project->add_option("OUT", options.out, "项目文件 project file (.qgs)")->required();
    project->add_option("--db", options.db_path, "数据库文件：项目打开在地块范围上 database file: the project opens on its parcels")
        ->required()
        ->check(CLI::ExistingFile);
    project->add_option("--url", options.url, "服务器的公开网址 the server's public URL, e.g. https://example.gov.cn/heatmap "
                                              "(default: public_url in --config)");
    project->add_option("--filters", options.filters, "瓦片的筛选，同网址参数；有 industry 时按适合度着色 the tiles' filters as in URLs, "
                                                      "e.g. \"industry=electronics&status=available\"; with industry, colours by fit");
    project->add_option("--lang", options.lang, "图层名称的语言 language of the layer names: zh or en")->check(CLI::IsMember({"zh", "en"}));
    project->add_option("--config", options.config_path, "服务器配置文件：public_url、parcel_zoom、public_statuses "
                                                         "the server's settings (TOML): public_url, parcel_zoom, public_statuses")
        ->check(CLI::ExistingFile);
    return command;
}

namespace {

std::string server_url(const ExportOptions& options, const server::ServerConfig& config) {
    const std::string text = options.url.value_or(config.public_url);
    if (text.empty()) {
        throw UsageError("需要服务器网址：用 --url，或在 --config 里写 public_url",
                         "the server's URL is needed: give --url, or public_url in --config");
    }
    const auto url = server::parse_public_url(text);
    if (!url) throw UsageError("--url 应为 http(s)://主机[:端口][/路径]，而不是 " + text, "--url must be http(s)://host[:port][/path], not " + text);
    return url->base();
}

filter::Filter wanted(const ExportOptions& options, const fit::IndustryProfiles& profiles) {
    try {
        return filter::parse_filter(options.filters ? text::parse_query(*options.filters) : filter::QueryParameters{}, {}, &profiles);
    } catch (const filter::FilterError& error) {
        throw UsageError(std::string("--filters 有误 bad --filters: ") + error.what(), "write them as in a URL: status=available&kind=land");
    } catch (const text::UrlError& error) {
        throw UsageError(std::string("--filters 有误 bad --filters: ") + error.what(), "write them as in a URL: status=available&kind=land");
    }
}

}  // namespace

int run_export(const ExportOptions& options) {
    auto db = store::open_store(options.db_path, store::OpenMode::read_only);
    const fit::IndustryProfiles profiles = fit::stored_profiles(*db).value_or(fit::IndustryProfiles{});
    const server::ServerConfig config = server::load_config(options.config_path);
    exporting::QgisProjectRequest request;
    request.server_url = server_url(options, config);
    request.filter = wanted(options, profiles);
    request.industry = request.filter.industry ? profiles.find(*request.filter.industry) : nullptr;
    request.lang = options.lang;
    request.parcel_zoom = config.parcel_zoom;
    request.statuses = config.public_statuses;
    request.colours = style::context_colours(server::load_style_template());
    const std::vector<std::string_view> statuses(config.public_statuses.begin(), config.public_statuses.end());
    request.extent = store::parcel_extent(*db, statuses);

    const std::string project = exporting::qgis_project(request);
    std::ofstream out(options.out, std::ios::binary);
    out.write(project.data(), static_cast<std::streamsize>(project.size()));
    if (!out.flush()) throw InputError("无法写入 " + options.out, "cannot write " + options.out);
    std::printf("QGIS 项目已写入 QGIS project written: %s（图层 layers: 矢量瓦片 vector tiles %s/tiles/…, OGC API %s/api）\n",
                options.out.c_str(), request.server_url.c_str(), request.server_url.c_str());
    return 0;
}

}  // namespace investmap::cli
