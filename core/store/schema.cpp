#include "store/schema.hpp"

#include "errors.hpp"

#include <array>
#include <string>

namespace investmap::store {
namespace {

// SpatiaLite keeps its R*Tree in step through triggers that call
// RTreeAlign(), which prepares a statement for every row: 2.9 s per 100 000
// inserts against 1.1 s for the same rows through plain SQL. The index, its
// name and its registration stay SpatiaLite's, so GDAL and QGIS still use it.
void use_plain_rtree_triggers(Database& db) {
    db.exec(R"sql(
        DROP TRIGGER tmi_parcels_geom;  -- "last insert" timestamps nobody reads, formatted per row
        DROP TRIGGER tmu_parcels_geom;
        DROP TRIGGER tmd_parcels_geom;
        DROP TRIGGER gii_parcels_geom;
        DROP TRIGGER giu_parcels_geom;
        CREATE TRIGGER gii_parcels_geom AFTER INSERT ON parcels FOR EACH ROW BEGIN
            INSERT INTO idx_parcels_geom (pkid, xmin, xmax, ymin, ymax)
            VALUES (NEW.ROWID, MbrMinX(NEW.geom), MbrMaxX(NEW.geom), MbrMinY(NEW.geom), MbrMaxY(NEW.geom));
        END;
        CREATE TRIGGER giu_parcels_geom AFTER UPDATE OF geom ON parcels FOR EACH ROW BEGIN
            UPDATE idx_parcels_geom
            SET xmin = MbrMinX(NEW.geom), xmax = MbrMaxX(NEW.geom), ymin = MbrMinY(NEW.geom), ymax = MbrMaxY(NEW.geom)
            WHERE pkid = NEW.ROWID;
        END;
    )sql");
}

// Version 1: parcels, map context, audit events, API tokens, metadata.
void create_initial_schema(Database& db) {
    // Only the CRS we store in; the full EPSG list would add megabytes.
    db.exec("SELECT InitSpatialMetadata(0, 'WGS84_ONLY')");
    db.exec(R"sql(
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        INSERT INTO meta (key, value) VALUES ('data_version', '0'), ('data_as_of', '');

        CREATE TABLE parcels (
            id                    INTEGER PRIMARY KEY,
            code                  TEXT NOT NULL UNIQUE,
            name                  TEXT,
            kind                  TEXT NOT NULL CHECK (kind = 'land' OR kind = 'factory' OR kind = 'office'),
            status                TEXT NOT NULL CHECK (status = 'available' OR status = 'negotiating' OR
                                    status = 'reserved' OR status = 'signed' OR status = 'settled' OR
                                    status = 'withdrawn'),
            land_use              TEXT,
            area_m2               REAL CHECK (area_m2 IS NULL OR area_m2 >= 0),
            floor_area_m2         REAL,
            floor_height_m        REAL,
            floor_load_kn_m2      REAL,
            power_kva             REAL,
            rent_yuan_m2_month    REAL,
            land_price_wan_per_mu REAL,
            available_from        TEXT,
            park                  TEXT,
            address               TEXT,
            contact               TEXT,
            description           TEXT,
            video_url             TEXT,
            owner                 TEXT,
            counterparty          TEXT,
            notes                 TEXT,
            photos                TEXT NOT NULL DEFAULT '[]',
            version               INTEGER NOT NULL DEFAULT 1,
            updated_at            TEXT NOT NULL,
            updated_by            TEXT NOT NULL
        );
        CREATE INDEX parcels_by_status ON parcels (status, kind);
        CREATE INDEX parcels_by_park ON parcels (park);

        CREATE TABLE context_features (
            id    INTEGER PRIMARY KEY,
            layer TEXT NOT NULL CHECK (layer = 'boundary' OR layer = 'roads' OR layer = 'parks' OR layer = 'water'),
            name  TEXT
        );
        CREATE INDEX context_by_layer ON context_features (layer);

        CREATE TABLE audit_events (
            id          INTEGER PRIMARY KEY,
            parcel_code TEXT NOT NULL,
            action      TEXT NOT NULL CHECK (action = 'import' OR action = 'edit' OR action = 'remove'),
            actor       TEXT NOT NULL,
            at          TEXT NOT NULL,
            from_status TEXT,
            to_status   TEXT,
            changes     TEXT NOT NULL,
            note        TEXT
        );
        CREATE INDEX audit_by_parcel ON audit_events (parcel_code, id);

        CREATE TABLE tokens (
            id           INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            role         TEXT NOT NULL CHECK (role = 'staff' OR role = 'admin'),
            sha256       BLOB NOT NULL UNIQUE,
            created_at   TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at   TEXT
        );
    )sql");
    db.exec("SELECT AddGeometryColumn('parcels', 'geom', 4326, 'GEOMETRY', 'XY', 1)");
    db.exec("SELECT CreateSpatialIndex('parcels', 'geom')");
    use_plain_rtree_triggers(db);
    db.exec("SELECT AddGeometryColumn('context_features', 'geom', 4326, 'GEOMETRY', 'XY', 1)");
    db.exec("SELECT CreateSpatialIndex('context_features', 'geom')");
}

// Version 2: industry fit scores (core/fit), and the profiles they came from.
// WITHOUT ROWID keyed by parcel: a tile reads a parcel's score with one
// lookup; the (industry, score) index serves min_fit.
void add_fit_scores(Database& db) {
    db.exec(R"sql(
        CREATE TABLE parcel_fit (
            parcel_id INTEGER NOT NULL REFERENCES parcels (id) ON DELETE CASCADE,
            industry  TEXT NOT NULL,
            score     INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
            PRIMARY KEY (parcel_id, industry)
        ) WITHOUT ROWID;
        CREATE INDEX parcel_fit_by_score ON parcel_fit (industry, score);
        INSERT INTO meta (key, value) VALUES ('industries', '');
    )sql");
}

// Version 3: the public data version, changed only by changes the public
// can see, so that an edit of a reserved parcel does not change anonymous
// ETags (which would tell the public that staff are at work on something).
void add_public_version(Database& db) {
    db.exec("INSERT INTO meta (key, value) SELECT 'public_version', value FROM meta WHERE key = 'data_version'");
}

// Version 4: parcels imported without a location (import --allow-unlocated),
// apart from `parcels` so that nothing public ever reads them; their values
// as JSON (store/unlocated_parcels.hpp).
void add_unlocated_parcels(Database& db) {
    db.exec(R"sql(
        CREATE TABLE unlocated_parcels (
            code        TEXT PRIMARY KEY,
            record      TEXT NOT NULL,
            source      TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL
        );
    )sql");
}

constexpr std::array kMigrations{
    Migration{1, "parcels, context, audit events, tokens, metadata", &create_initial_schema},
    Migration{2, "industry fit scores", &add_fit_scores},
    Migration{3, "public data version", &add_public_version},
    Migration{4, "parcels waiting for a location", &add_unlocated_parcels},
};

int user_version(Database& db) { return static_cast<int>(db.query_int64("PRAGMA user_version")); }

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int newest_schema_version() { return kMigrations.back().version; }

void migrate(Database& db, std::span<const Migration> steps) {
    const int newest = steps.empty() ? 0 : steps.back().version;
    const int version = user_version(db);
    if (version > newest) {
        throw InputError("数据库 " + db.path() + " 的结构版本是 " + std::to_string(version) + "，比本程序支持的 " +
                             std::to_string(newest) + " 新：请升级 investmap 后再打开。",
                         "database " + db.path() + " has schema version " + std::to_string(version) +
                             ", newer than the " + std::to_string(newest) +
                             " this build knows: upgrade investmap to open it.");
    }
    if (version == 0 && db.query_int64("SELECT count(*) FROM sqlite_master") > 0) {
        throw InputError("文件 " + db.path() + " 是 SQLite 数据库，但不是 investmap 建的：请换一个新文件名。",
                         db.path() + " is a SQLite database but not an investmap one: choose a new file name.");
    }
    for (const Migration& step : steps) {
        if (step.version <= version) continue;
        Transaction transaction(db);
        step.apply(db);
        db.exec("PRAGMA user_version = " + std::to_string(step.version));  // an int we own, not input
        transaction.commit();
    }
}

std::unique_ptr<Database> open_store(const std::string& path, OpenMode mode) {
    std::unique_ptr<Database> db;
    try {
        db = std::make_unique<Database>(path, mode);
        db->query_int64("SELECT count(*) FROM sqlite_master");  // fails here on a file that is not SQLite
    } catch (const DatabaseError& error) {
        throw InputError("无法打开数据库 " + path + "：文件不存在或不是 SQLite 数据库。",
                         std::string("cannot open database ") + path + ": " + error.what());
    }
    if (mode != OpenMode::read_only) {
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = FULL");
        migrate(*db);
    } else if (user_version(*db) != newest_schema_version()) {
        throw InputError("数据库 " + path + " 的结构版本与本程序不符：先用可写命令（如 import）打开一次以升级。",
                         "database " + path + " has another schema version: open it once with a writing command "
                         "(such as import) to upgrade it.");
    }
    db->exec("PRAGMA foreign_keys = ON");
    return db;
}

}  // namespace investmap::store
