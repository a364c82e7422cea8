#include "token_command.hpp"

#include "errors.hpp"
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "store/token_store.hpp"

#include <iostream>

namespace investmap::cli {

CLI::App* setup_token(CLI::App& app, TokenOptions& options) {
    CLI::App* command = app.add_subcommand("token", "API 令牌：招商科编辑用\nAPI tokens for staff edits");
    command->require_subcommand(1);
    options.create = command->add_subcommand("create", "新建令牌，只显示这一次 create a token; it is shown once");
    options.create->add_option("--db", options.db_path, "数据库文件 database file")->required()->check(CLI::ExistingFile);
    options.create->add_option("--role", options.role, "角色 role")->required()->check(CLI::IsMember({"staff", "admin"}));
    options.create->add_option("--name", options.name, "持有人，记入审计 holder's name, shown in the audit trail")->required();
    options.list = command->add_subcommand("list", "列出令牌（不含令牌本身） list tokens (never the secrets)");
    options.list->add_option("--db", options.db_path, "数据库文件 database file")->required()->check(CLI::ExistingFile);
    options.revoke = command->add_subcommand("revoke", "吊销令牌 revoke a token");
    options.revoke->add_option("ID", options.id, "令牌编号（见 token list） token id (see token list)")->required();
    options.revoke->add_option("--db", options.db_path, "数据库文件 database file")->required()->check(CLI::ExistingFile);
    return command;
}

namespace {

int create(store::Database& db, const TokenOptions& options) {
    const store::NewToken token = store::create_token(db, options.name, options.role);
    std::cerr << "令牌 " << token.id << " 已创建（" << options.role << "，" << options.name << "）。它只显示这一次，请妥善保存：\n"
              << "token " << token.id << " created (" << options.role << ", " << options.name
              << "). It is shown this once only; keep it safe:\n";
    std::cout << token.secret << std::endl;
    return 0;
}

int list(store::Database& db) {
    std::cout << "id\tname\trole\tcreated\tlast used\trevoked\n";
    for (const auto& token : store::list_tokens(db)) {
        std::cout << token.id << '\t' << token.name << '\t' << token.role << '\t' << token.created_at << '\t'
                  << token.last_used_at.value_or("-") << '\t' << token.revoked_at.value_or("-") << '\n';
    }
    return 0;
}

int revoke(store::Database& db, std::int64_t id) {
    if (!store::revoke_token(db, id, store::utc_now())) {
        throw InputError("没有编号为 " + std::to_string(id) + " 的有效令牌", "no live token with id " + std::to_string(id));
    }
    std::cout << "令牌 " << id << " 已吊销 token " << id << " revoked" << std::endl;
    return 0;
}

}  // namespace

int run_token(const TokenOptions& options) {
    auto db = store::open_store(options.db_path, store::OpenMode::read_write);
    if (options.create->parsed()) return create(*db, options);
    if (options.list->parsed()) return list(*db);
    return revoke(*db, options.id);
}

}  // namespace investmap::cli
