#include "importers/parcel_import.hpp"

#include "errors.hpp"
#include "fit/fit_store.hpp"
#include "importers/batch_queue.hpp"
#include "importers/crs_guess.hpp"
#include "importers/gdal_quiet.hpp"
#include "importers/import_target.hpp"
#include "importers/parcel_rows.hpp"
#include "importers/rejection_groups.hpp"
#include "importers/rejection_report.hpp"
#include "importers/vector_source.hpp"
#include "store/bulk_load.hpp"
#include "store/parcel_store.hpp"
#include "store/unlocated_parcels.hpp"

#include <cpl_progress.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <algorithm>
#include <ostream>
#include <thread>
#include <unordered_map>
#include <utility>

namespace investmap::importers {
namespace {

using store::field;

// Rows go from the reading thread to the writing one in batches, so the two
// meet at the queue's lock once per batch rather than once per row.
constexpr std::size_t kBatchRows = 256;
constexpr std::size_t kBatchesAhead = 8;

std::string local_date_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    return date;
}

// A source row as the reading thread leaves it: the texts of the columns the
// mapping reads, and its geometry cleaned (or why it cannot be used). The
// writing thread converts the texts: that balances the two threads' work.
struct ReadRow {
    std::int64_t feature_id = 0;
    std::vector<std::string> texts;  // by source column; empty for columns nobody reads
    std::optional<CleanGeometry> geometry;
    std::string geometry_problem;  // when there is no geometry
    bool unlocated = false;        // no location at all (not a bad one)
};

struct OpenedSource {
    std::unique_ptr<VectorSource> source;
    std::unique_ptr<ParcelRowBuilder> builder;
    std::string actor;
};

class ParcelImport {
public:
    ParcelImport(const ImportOptions& options, std::ostream& log) : options_(options), log_(log) {}

    ImportSummary run() {
        const auto started = std::chrono::steady_clock::now();
        QuietGdalErrors quiet;
        std::vector<OpenedSource> sources = open_sources();  // every source checked before the database is touched
        if (options_.industries_path) new_profiles_ = fit::load_industry_profiles(*options_.industries_path);
        ImportTarget target(options_.db_path);
        store::Database& db = target.db();
        {
            store::Transaction transaction(db);
            store::ParcelStore store(db);
            now_ = store::utc_now();
            db_ = &db;
            if (options_.replace) summary_.removed = store.remove_all("import --replace", now_) + store::remove_all_unlocated(db);
            had_unlocated_ = store::count_unlocated(db) > 0;
            // Codes are unique within an import, so into an empty table every
            // row is new: no need to look each one up.
            started_empty_ = store.count() == 0;
            std::optional<store::ParcelBulkLoad> bulk_load;
            if (started_empty_) bulk_load.emplace(db);
            for (OpenedSource& opened : sources) import_source(opened, store);
            if (options_.progress) GDALTermProgress(1.0, nullptr, nullptr);
            finish(db, transaction, bulk_load);
        }
        if (!aborted() && !options_.dry_run) target.keep();
        summary_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        summary_.dry_run = options_.dry_run;
        return summary_;
    }

private:
    std::vector<OpenedSource> open_sources() {
        const MappingFile mapping = options_.mapping_path ? load_mapping_file(*options_.mapping_path) : MappingFile{};
        const auto district = [path = options_.db_path] { return district_extent(path); };
        std::vector<OpenedSource> opened;
        for (const std::string& path : options_.sources) {
            auto source = std::make_unique<VectorSource>(
                SourceOptions{.path = path,
                              .display_name = options_.source_name,
                              .layer = options_.layer,
                              .s_srs = options_.s_srs ? options_.s_srs : mapping.crs,
                              .encoding = options_.encoding,
                              .district = district,
                              .cad = options_.cad});
            ResolvedMapping resolved = resolve_mapping(source->field_names(), mapping);
            if (!options_.generate_codes) require_code_column(*source, resolved);
            describe(*source, resolved);
            total_features_ = source->feature_count() < 0 || total_features_ < 0 ? -1
                                                                                 : total_features_ + source->feature_count();
            auto builder =
                std::make_unique<ParcelRowBuilder>(std::move(resolved), mapping, options_.kind, options_.generate_codes);
            const std::string actor =
                options_.actor.value_or("import:" + std::filesystem::path(source->path()).filename().string());
            opened.push_back({std::move(source), std::move(builder), actor});
        }
        return opened;
    }

    static void require_code_column(const VectorSource& source, const ResolvedMapping& resolved) {
        if (!resolved.sources[field("code")].empty()) return;
        std::string columns;
        for (const auto& name : source.field_names()) columns += (columns.empty() ? "" : ", ") + name;
        throw InputError("源数据 " + source.path() + " 中找不到地块编号列（如“地块编号”“编号”）。现有列：" + columns +
                             "。请用 --mapping 文件的 [fields] code = \"列名\" 指定；表中没有编号（只有序号）时，加 --generate-codes "
                             "前缀（如 CS），按名称和地址生成稳定的编号。",
                         "no parcel code column (such as 地块编号 or code) in " + source.path() + "; it has: " +
                             columns + ". Name it in a --mapping file: [fields] code = \"column\"; a sheet with no codes "
                             "(only row numbers) can take --generate-codes PREFIX, which derives stable codes from each "
                             "parcel's name and address.");
    }

    void describe(const VectorSource& source, const ResolvedMapping& resolved) {
        log_ << "读取 reading " << source.path() << " [" << source.driver() << ", " << source.layer_name() << ", "
             << (source.feature_count() >= 0 ? std::to_string(source.feature_count()) : "?") << " 要素 features]\n"
             << "  坐标系 CRS: " << source.crs_note() << '\n';
        if (!source.drawing_note().empty()) summary_.notes.push_back("图纸 drawing: " + source.drawing_note());
        const std::vector<std::string> geometry_columns = source.geometry_column_names();
        std::string unused;
        for (const auto& name : resolved.unused) {
            if (std::ranges::find(geometry_columns, name) == geometry_columns.end()) unused += ' ' + name;
        }
        if (!unused.empty()) log_ << "  未使用的列 unused columns:" << unused << '\n';
        if (!geometry_columns.empty()) {
            log_ << "  位置取自 location from:";
            for (const auto& name : geometry_columns) log_ << ' ' << name;
            log_ << '\n';
        }
    }

    // One thread reads the rows and cleans their geometry (GDAL, PROJ, GEOS)
    // while this one converts, checks and writes them (SQLite); the reader
    // runs at most a few batches ahead.
    void import_source(OpenedSource& opened, store::ParcelStore& store) {
        BatchQueue<ReadRow> queue(kBatchesAhead);
        std::jthread reader([this, &opened, &queue] { read_rows(opened, queue); });
        struct StopReaderOnExit {  // runs before the join: a reader waiting for room must wake
            BatchQueue<ReadRow>& queue;
            ~StopReaderOnExit() { queue.cancel(); }
        } stop_reader{queue};
        while (std::optional<std::vector<ReadRow>> batch = queue.pop()) {
            for (const ReadRow& read : *batch) write_row(read, opened, store);
            queue.give_back(std::move(*batch));
        }
        tell_about_coordinates(*opened.source);
    }

    // What the user should know about how the rows' coordinates were read.
    void tell_about_coordinates(const VectorSource& source) {
        if (const std::int64_t swapped = source.swapped_rows()) {
            summary_.notes.push_back("注意 note: " + source.path() + " 中 " + std::to_string(swapped) +
                                     " 行的经度、纬度两列互换，已按数值范围（或 东经/北纬）读取 / " + std::to_string(swapped) +
                                     " rows had longitude and latitude swapped; read by their ranges (or 东经/北纬)");
        }
        if (const auto hint = source.web_map_hint()) summary_.notes.push_back("提示 hint: " + one_line(*hint));
    }

    // On the reading thread: what needs the source (GDAL, PROJ, GEOS).
    void read_rows(OpenedSource& opened, BatchQueue<ReadRow>& queue) {
        const QuietGdalErrors quiet;  // GDAL's error handlers belong to a thread
        try {
            VectorSource& source = *opened.source;
            const std::vector<int> columns = opened.builder->columns_read();
            const std::size_t column_count = columns.empty() ? 0 : static_cast<std::size_t>(columns.back()) + 1;
            std::vector<ReadRow> batch;
            batch.reserve(kBatchRows);
            while (source.next()) {
                ReadRow& read = batch.emplace_back();
                read.feature_id = source.feature_id();
                read.texts.resize(column_count);
                for (const int column : columns) read.texts[static_cast<std::size_t>(column)] = source.text(column);
                const bool gives_area = opened.builder->gives_area(texts_of(read));
                add_geometry(source, read, gives_area ? MeasureArea::no : MeasureArea::yes);
                if (batch.size() == kBatchRows) {
                    if (!queue.push(std::exchange(batch, {}))) return;
                    queue.take_back();  // destroyed here, on the thread that allocated them
                    batch.reserve(kBatchRows);
                }
            }
            if (!batch.empty() && !queue.push(std::move(batch))) return;
            queue.finish();
        } catch (...) {
            queue.finish(std::current_exception());
        }
    }

    static ColumnText texts_of(const ReadRow& read) {
        return [&read](int column) { return read.texts[static_cast<std::size_t>(column)]; };
    }

    void add_geometry(VectorSource& source, ReadRow& read, MeasureArea measure) {
        try {
            GeometryPtr geometry = source.geometry();
            read.unlocated = !geometry || OGR_G_IsEmpty(geometry.get());
            read.geometry = clean_parcel_geometry(std::move(geometry), area_, measure, options_.max_vertices);
        } catch (const ValueError& error) {
            read.geometry_problem = error.what();
        }
    }

    // On the writing thread: converts the row, checks it, writes it.
    void write_row(const ReadRow& read, OpenedSource& opened, store::ParcelStore& store) {
        ++summary_.read;
        if (options_.progress && summary_.read % 256 == 0 && total_features_ > 0) {
            GDALTermProgress(static_cast<double>(summary_.read) / static_cast<double>(total_features_), nullptr, nullptr);
        }
        std::vector<FieldProblem> problems;
        ParcelRow row = opened.builder->build(texts_of(read), problems);
        if (read.geometry) {
            summary_.repaired += read.geometry->repaired ? 1 : 0;
            ParcelRowBuilder::add_geometry(row, *read.geometry);
        } else if (!(read.unlocated && options_.allow_unlocated)) {
            problems.push_back({"geometry", read.geometry_problem});
        }
        check_duplicate(row, read.feature_id, problems);
        if (!problems.empty()) {
            reject(opened.source->path(), read.feature_id, row, problems);
        } else if (!read.geometry) {
            if (!aborted()) keep_unlocated(row, store, opened.actor, opened.source->path());
        } else {
            keep_for_preview(row);  // a dry run shows the good rows, whatever else is refused
            if (!aborted()) upsert(row, store, opened.actor, opened.source->path());
            // once a row is rejected nothing will be kept; the others are only checked
        }
    }

    void keep_for_preview(const ParcelRow& row) {
        // Bounded in count and in bytes: a dry run of detailed outlines must not fill the server's memory.
        constexpr std::size_t kPreviewBytes = 16 << 20;
        if (summary_.preview.size() >= options_.preview_limit || preview_bytes_ + row.record.wkb.size() > kPreviewBytes) return;
        preview_bytes_ += row.record.wkb.size();
        auto text = [&row](std::size_t column) {
            const auto* value = std::get_if<std::string>(&row.record[column]);
            return value ? *value : std::string();
        };
        summary_.preview.push_back(
            {text(field("code")), text(field("name")), text(field("kind")), text(field("status")), row.record.wkb});
    }

    void check_duplicate(const ParcelRow& row, std::int64_t feature_id, std::vector<FieldProblem>& problems) {
        const auto* code = std::get_if<std::string>(&row.record[field("code")]);
        if (!code || code->empty()) return;
        auto [it, inserted] = first_seen_.try_emplace(*code, feature_id);
        if (!inserted && row.code_generated) {
            const std::string first = std::to_string(it->second);
            problems.push_back({"code", zh_en("名称和地址与要素 " + first + " 相同，生成的编号 " + *code +
                                                  " 重复：请在名称或地址上区分两行，或给出编号列",
                                              "same name and address as feature " + first + ", so the generated code " +
                                                  *code + " repeats: tell the two rows apart by name or address, or give "
                                                  "a code column")});
        } else if (!inserted) {
            problems.push_back({"code", zh_en("地块编号 " + *code + " 重复（首次出现在要素 " + std::to_string(it->second) + "）",
                                              "duplicate parcel code " + *code + " (first in feature " +
                                                  std::to_string(it->second) + ")")});
        }
    }

    void reject(const std::string& path, std::int64_t feature_id, const ParcelRow& row,
                const std::vector<FieldProblem>& problems) {
        ++summary_.rejected;
        const auto* code = std::get_if<std::string>(&row.record[field("code")]);
        for (const FieldProblem& problem : problems) {
            rejections_.push_back({path, feature_id, code ? *code : "", problem.field, problem.reason, problem.unknown_label});
            summary_.rejections.add(rejections_.back());
        }
    }

    // A row without a location: a parcel placed already has its values
    // updated where it stands; a new one waits in the 待定位 list.
    void keep_unlocated(const ParcelRow& row, store::ParcelStore& store, const std::string& actor, const std::string& path) {
        if (!started_empty_ && store.find(row.record.code())) return upsert(row, store, actor, path);
        store::put_unlocated(*db_, row.record, path, actor, now_);
        store::AuditEvent event{.parcel_code = row.record.code(), .action = "import", .actor = actor, .at = now_};
        event.note = path;
        event.to_status = std::get<std::string>(row.record[field("status")]);
        event.changes = {{"created", true}, {"unlocated", true}};
        store.record(event);
        had_unlocated_ = true;
        ++summary_.unlocated;
    }

    // A row with a location for a parcel in the 待定位 list: it leaves the
    // list, keeping the values the row does not give (one lookup, and only
    // when the list has any).
    store::ParcelRecord located_from_waiting(const ParcelRow& row) {
        store::ParcelRecord record = row.record;
        if (const auto waiting = store::find_unlocated(*db_, record.code())) {
            for (std::size_t i = 0; i < store::kParcelFields.size(); ++i) {
                if (!row.provided[i]) record[i] = waiting->record[i];
            }
            store::remove_unlocated(*db_, record.code());
        }
        return record;
    }

    void upsert(const ParcelRow& row, store::ParcelStore& store, const std::string& actor, const std::string& path) {
        const std::optional<store::StoredParcel> existing =
            started_empty_ ? std::nullopt : store.find(row.record.code());
        store::AuditEvent event{.parcel_code = row.record.code(), .action = "import", .actor = actor, .at = now_};
        event.note = path;
        const auto& new_status = std::get<std::string>(row.record[field("status")]);
        if (!existing) {
            if (had_unlocated_) store.insert(located_from_waiting(row), actor, now_);
            else store.insert(row.record, actor, now_);  // no copy on the common path
            changed_codes_.push_back(row.record.code());
            // A new parcel's values are the row itself; later events hold the
            // diffs, so copying every value here would only double the file.
            event.to_status = new_status;
            event.changes = {{"created", true}};
            store.record(event);
            ++summary_.inserted;
            return;
        }
        store::ParcelRecord merged = existing->record;
        for (std::size_t i = 0; i < store::kParcelFields.size(); ++i) {
            if (row.provided[i]) merged[i] = row.record[i];
        }
        if (!row.record.wkb.empty()) merged.wkb = row.record.wkb;  // a row without a location keeps the parcel's
        event.changes = store::changed_fields(&existing->record, merged);
        if (event.changes.empty()) {
            ++summary_.unchanged;
            return;
        }
        store.update(merged, actor, now_);
        changed_codes_.push_back(row.record.code());
        event.from_status = std::get<std::string>(existing->record[field("status")]);
        event.to_status = std::get<std::string>(merged[field("status")]);
        store.record(event);
        ++summary_.updated;
    }

    void finish(store::Database& db, store::Transaction& transaction, std::optional<store::ParcelBulkLoad>& bulk_load) {
        if (options_.report_path) write_rejection_report(*options_.report_path, rejections_);
        for (const std::string& note : summary_.notes) log_ << note << '\n';
        summary_.rejections.write(log_);
        if (aborted()) {
            transaction.rollback();
            summary_.refused = true;
            if (!options_.refusal_throws) return;
            auto [zh, en] = refusal_message(summary_, options_);
            throw InputError(zh, en);
        }
        if (options_.dry_run) {
            transaction.rollback();
            return;
        }
        if (bulk_load) bulk_load->finish();
        rescore(db);
        if (summary_.inserted || summary_.updated || summary_.removed || summary_.unlocated || new_profiles_) {
            store::bump_data_version(db);
        }
        store::set_data_as_of(db, local_date_today());
        transaction.commit();
    }

    // Whether a rejection means nothing is written: always, but with --skip-rejected.
    bool aborted() const { return summary_.rejected && !options_.skip_rejected; }

    // Fit scores follow the data in the same transaction: new profiles score
    // everything, else the changed parcels get the profiles the server uses.
    void rescore(store::Database& db) {
        if (new_profiles_) {
            fit::rescore_all(db, *new_profiles_);
        } else if (const auto stored = fit::stored_profiles(db)) {
            fit::rescore_codes(db, *stored, changed_codes_);
        }
    }

    const ImportOptions& options_;
    std::ostream& log_;
    std::optional<fit::IndustryProfiles> new_profiles_;
    std::vector<std::string> changed_codes_;
    ImportSummary summary_;
    std::vector<Rejection> rejections_;
    std::unordered_map<std::string, std::int64_t> first_seen_;  // code → feature id
    geo::GeodesicArea area_;  // used only by the reading thread
    std::string now_;
    std::int64_t total_features_ = 0;
    bool started_empty_ = false;
    bool had_unlocated_ = false;  // the 待定位 list has entries a located row may take off
    std::size_t preview_bytes_ = 0;
    store::Database* db_ = nullptr;
};

}  // namespace

ImportSummary import_parcels(const ImportOptions& options, std::ostream& log) {
    return ParcelImport(options, log).run();
}

std::pair<std::string, std::string> refusal_message(const ImportSummary& summary, const ImportOptions& options) {
    const std::string where = options.report_path ? "，详见 " + *options.report_path : "；加 --report R.csv 可得全部清单";
    const std::string where_en = options.report_path ? "; see " + *options.report_path : "; add --report R.csv for the full list";
    return {std::to_string(summary.rejected) + " 行无法导入，数据库未改动" + where +
                "。改正后重新导入；或加 --skip-rejected 只导入其余各行。",
            std::to_string(summary.rejected) + " rows rejected, the database is unchanged" + where_en +
                ". Correct them and import again, or add --skip-rejected to import the other rows."};
}

std::string format_summary(const ImportSummary& s) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
    std::string line = s.dry_run ? "试运行，未写入 dry run, nothing written: " : "导入完成 imported: ";
    line += "读取 read " + std::to_string(s.read) + " · 新增 inserted " + std::to_string(s.inserted) + " · 更新 updated " +
            std::to_string(s.updated) + " · 未变 unchanged " + std::to_string(s.unchanged);
    if (s.removed) line += " · 删除 removed " + std::to_string(s.removed);
    if (s.unlocated) line += " · 待定位 unlocated " + std::to_string(s.unlocated);
    line += " · 修复 repaired " + std::to_string(s.repaired) + " · 拒绝 rejected " + std::to_string(s.rejected) + " · " +
            seconds + " s";
    return line;
}

}  // namespace investmap::importers
