#include "render_command.hpp"

#include "errors.hpp"
#include "fit/fit_store.hpp"
#include "render/static_request.hpp"
#include "source/sqlite_source.hpp"
#include "store/schema.hpp"
#include "text/url_query.hpp"
#include "tile-server/config.hpp"
#include "tile-server/resources.hpp"
#include "vocabulary/vocabulary.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace investmap::cli {

CLI::App* setup_render(CLI::App& app, RenderOptions& options) {
    CLI::App* command = app.add_subcommand("render", "静态地图：PNG、SVG、PDF，供幻灯片使用\nthe static map as PNG, SVG or PDF, for slides");
    command->add_option("--db", options.db_path, "数据库文件 database file")->required()->check(CLI::ExistingFile);
    command->add_option("--out", options.out, "输出文件 output file: .png, .svg or .pdf")->required();
    command->add_option("--size", options.size, "宽x高（CSS 像素） width x height in CSS pixels (default 1920x1080)");
    command->add_option("--scale", options.scale, "像素比 pixel ratio: 1 or 2")->check(CLI::IsMember({1, 2}));
    command->add_option("--bbox", options.bbox, "范围 west,south,east,north (default: the matching parcels)");
    command->add_option("--center", options.center, "中心 lon,lat (with --zoom)");
    command->add_option("--zoom", options.zoom, "缩放级别 zoom (with --center)");
    command->add_option("--style", options.style, "样式 heat, fit or status")->check(CLI::IsMember({"heat", "fit", "status"}));
    command->add_option("--title", options.title, "标题 title");
    command->add_option("--lang", options.lang, "语言 zh or en")->check(CLI::IsMember({"zh", "en"}));
    command->add_option("--qr-url", options.qr_url, "在线地图网址，加二维码 the live map's URL: adds a QR code of the same view");
    command->add_option("--filters", options.filters, "筛选，同网址参数 filters as in URLs, e.g. \"industry=electronics&min_fit=60\"");
    command->add_option("--attribution", options.attribution, "署名 attribution");
    command->add_option("--approval-number", options.approval_number, "审图号 map approval number");
    command->add_option("--config", options.config_path, "服务器配置文件，取其 parcel_zoom 与 public_statuses the server's settings (TOML): "
                                                         "its parcel_zoom and public_statuses")
        ->check(CLI::ExistingFile);
    return command;
}

namespace {

filter::QueryParameters parameters(const RenderOptions& options) {
    filter::QueryParameters query;
    if (options.filters) {
        try {
            query = text::parse_query(*options.filters);
        } catch (const text::UrlError& error) {
            throw UsageError(std::string("--filters 有误 bad --filters: ") + error.what(), "write them as in a URL: a=1&b=2");
        }
    }
    const auto add = [&](const char* name, const std::optional<std::string>& value) { if (value) query.emplace_back(name, *value); };
    add("bbox", options.bbox);
    add("center", options.center);
    add("zoom", options.zoom);
    add("title", options.title);
    query.emplace_back("style", options.style);
    query.emplace_back("lang", options.lang);
    if (options.qr_url) query.emplace_back("qr", "1");
    return query;
}

std::string image_spec(const RenderOptions& options) {
    const std::string extension = std::filesystem::path(options.out).extension().string();
    if (extension != ".png" && extension != ".svg" && extension != ".pdf") {
        throw UsageError("--out 应以 .png、.svg 或 .pdf 结尾", "--out must end in .png, .svg or .pdf");
    }
    return options.size + (options.scale == 2 ? "@2x" : "") + extension;
}

}  // namespace

int run_render(const RenderOptions& options) {
    auto db = store::open_store(options.db_path, store::OpenMode::read_only);
    db->exec("PRAGMA mmap_size = 1073741824");  // as the server reads: pages from memory, not a pread() each
    const fit::IndustryProfiles profiles = fit::stored_profiles(*db).value_or(fit::IndustryProfiles{});
    const server::ServerConfig config = server::load_config(options.config_path);
    const std::vector<std::string_view> statuses(config.public_statuses.begin(), config.public_statuses.end());
    const render::MapSettings settings{config.parcel_zoom, style::context_colours(server::load_style_template()), options.attribution, options.approval_number, options.qr_url.value_or("")};
    render::StaticMapRequest plan;
    try {
        plan = render::plan_static_map(*db, render::parse_image_spec(image_spec(options)), parameters(options), profiles, statuses, settings);
    } catch (const filter::FilterError& error) {
        throw UsageError(std::string("参数有误 bad option: ") + error.what(), "see investmap render --help");
    }
    const std::string bytes = render::render_static_map(source::SqliteSource(*db), plan);
    std::ofstream out(options.out, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw InputError("无法写入 " + options.out, "cannot write " + options.out);
    std::printf("静态地图已写入 static map written: %s (%zu 字节 bytes)\n", options.out.c_str(), bytes.size());
    return 0;
}

}  // namespace investmap::cli
