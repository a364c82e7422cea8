#include "serve_command.hpp"

#include "tile-server/app.hpp"
#include "tile-server/http_server.hpp"
#include "tile-server/industry_watch.hpp"
#include "tile-server/access_log_writer.hpp"
#include "tile-server/log_line.hpp"
#include "tile-server/resources.hpp"

#include "store/parcel_store.hpp"
#include "store/schema.hpp"

#include <unistd.h>

#include <chrono>
#include <iostream>

namespace investmap::cli {

// The server is the tile-server library; this is its command line.
using server::App;
using server::IndustryWatch;

CLI::App* setup_serve(CLI::App& app, ServeOptions& options) {
    CLI::App* command = app.add_subcommand("serve", "地图服务：矢量切片、GeoJSON、样式、编辑\nthe HTTP server: vector tiles, GeoJSON, styles, staff edits");
    command->add_option("--db", options.db_path, "数据库文件 database file")->required()->check(CLI::ExistingFile);
    command->add_option("--config", options.config_path, "配置文件 settings (TOML; see data/server-example.toml)")
        ->check(CLI::ExistingFile);
    command->add_option("--listen", options.listen, "监听地址 address:port (default 127.0.0.1:8080; port 0 = any free port)");
    command->add_option("--threads", options.threads, "工作线程数 worker threads (default: one per core)")->check(CLI::Range(1u, 256u));
    command->add_option("--industries", options.industries_path,
                        "产业画像 industry profiles (TOML; default: the shipped data/industries.toml)")
        ->check(CLI::ExistingFile);
    return command;
}

int run_serve(const ServeOptions& options) {
    server::ServerConfig config = server::load_config(options.config_path);
    if (options.listen) server::set_listen(config, *options.listen);
    if (options.threads) config.threads = *options.threads;
    if (options.industries_path) config.industries_path = *options.industries_path;
    if (config.media_dir.empty()) config.media_dir = options.db_path + "-media";
    if (config.industries_path.empty()) config.industries_path = server::shipped_file("industries.toml", "data/industries.toml").string();
    {
        // Refuse a file that is not an investmap database before listening;
        // an older one is upgraded here, once.
        auto db = store::open_store(options.db_path, store::OpenMode::read_write);
        std::cerr << "数据库 database: " << options.db_path << " (" << db->query_int64("SELECT count(*) FROM parcels")
                  << " 地块 parcels, 数据截至 data as of " << store::data_as_of(*db) << ")\n";
    }
    std::cerr << "公开地址 public URL: "
              << (config.public_url.empty() ? "未设置，用客户端到达的地址；以域名或经反向代理提供服务时请设置 public_url / not set: the "
                                              "address clients reach; set public_url when serving under a name or behind a proxy"
                                            : config.public_url)
              << "\n";
    std::cerr << "底图 basemap: " << (config.basemap_url.empty() ? "无，仅本区底图要素 / none: the district's own context" : config.basemap_url) << "\n";
    if (config.trust_proxy) {
        std::string proxies;
        for (const auto& proxy : config.trusted_proxies) proxies += (proxies.empty() ? "" : ", ") + proxy;
        std::cerr << "信任的反向代理 trusted proxies: " << proxies << "\n";
    }
    App app(std::move(config), options.db_path, std::cerr);
    IndustryWatch industries(app.database, app.industries, app.config.industries_path, std::cerr);
    if (app.config.memory_index) app.tiles.index.start();  // after the scores are fresh; builds while serving
    server::serve_http(
        app,
        [&app](unsigned short port) {
            server::log_line(std::cerr, "地图服务已启动 listening on http://" + app.config.host + ":" + std::to_string(port));
        },
        [&industries] { industries.reload_soon(); });
    // The log's reader may have stopped (the access log never waits for
    // it): the last line is not worth a process that cannot end.
    server::write_line_within(STDERR_FILENO, "地图服务已停止 stopped", std::chrono::seconds(1));
    return 0;
}

}  // namespace investmap::cli
