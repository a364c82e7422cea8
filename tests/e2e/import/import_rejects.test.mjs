// Bad input ends with exit status 1, a message that says what and where, and
// a database that is byte-for-byte what it was.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE, generate, investmap, ogr2ogr, query, scalar, sha256, squareFeature, workdir, writeGeoJSON } from '../helpers.mjs';

// A database holding a good import, and a way to check it did not change.
function baseline(t) {
  const dir = workdir(t);
  const db = join(dir, 'base.sqlite');
  writeGeoJSON(join(dir, 'good.geojson'), [
    squareFeature({ 地块编号: 'G-1', 类型: '土地', 状态: '闲置' }, 119.30, 26.03),
    squareFeature({ 地块编号: 'G-2', 类型: '厂房', 状态: '在谈' }, 119.31, 26.03),
  ]);
  const result = investmap('import', join(dir, 'good.geojson'), '--db', db);
  assert.equal(result.status, 0, result.output);
  const before = sha256(db);
  const assertUnchanged = () => assert.equal(sha256(db), before, 'the database changed');
  return { dir, db, assertUnchanged };
}

function assertRejected(result, pattern) {
  assert.equal(result.status, 1, result.output);
  assert.match(result.stderr, pattern);
}

test('a truncated .shp is refused, naming the feature', (t) => {
  const { dir, db, assertUnchanged } = baseline(t);
  generate('--parcels', '50', '--out', join(dir, 'cut.shp'));
  truncateSync(join(dir, 'cut.shp'), 3000);
  assertRejected(investmap('import', join(dir, 'cut.shp'), '--db', db), /feature \d+ of .*cut\.shp, the file may be damaged/);
  assertUnchanged();
});

test('a source without CRS whose coordinates are not lon/lat is refused with the --s-srs hint', (t) => {
  const { dir, db, assertUnchanged } = baseline(t);
  generate('--parcels', '20', '--out', join(dir, 'nocrs.shp'));
  rmSync(join(dir, 'nocrs.prj'));
  assertRejected(investmap('import', join(dir, 'nocrs.shp'), '--db', db), /--s-srs/);
  assertUnchanged();
});

test('an unknown status, a duplicate code and an empty geometry are listed in the report', (t) => {
  const { dir, db, assertUnchanged } = baseline(t);
  const empty = { type: 'Feature', properties: { 地块编号: 'B-3', 类型: '土地', 状态: '闲置' }, geometry: null };
  writeGeoJSON(join(dir, 'bad.geojson'), [
    squareFeature({ 地块编号: 'B-1', 类型: '土地', 状态: '卖掉了' }, 119.30, 26.03),
    squareFeature({ 地块编号: 'B-2', 类型: '土地', 状态: '闲置' }, 119.31, 26.03),
    squareFeature({ 地块编号: 'B-2', 类型: '土地', 状态: '闲置' }, 119.32, 26.03),
    empty,
    squareFeature({ 地块编号: 'B-4', 类型: '土地', 状态: '闲置' }, 119.33, 26.03),
  ]);
  const report = join(dir, 'report.csv');
  const result = investmap('import', join(dir, 'bad.geojson'), '--db', db, '--report', report);
  assertRejected(result, /3 rows rejected, the database is unchanged/);
  assert.match(result.stderr, /卖掉了/);
  const lines = readFileSync(report, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'source,feature_id,code,field,reason');
  assert.equal(lines.length, 4, lines.join('\n'));
  assert.match(lines[1], /,0,"B-1","status","未知状态“卖掉了”.* \/ unknown status/);
  assert.match(lines[2], /,2,"B-2","code",".*duplicate parcel code B-2 \(first in feature 1\)/);
  assert.match(lines[3], /,3,"B-3","geometry",".*geometry is empty/);
  assertUnchanged();
});

test('a self-intersecting polygon is repaired, counted and stored valid', (t) => {
  const { dir, db } = baseline(t);
  const bowtie = {
    type: 'Feature',
    properties: { 地块编号: 'S-1', 类型: '土地', 状态: '闲置' },
    geometry: { type: 'Polygon', coordinates: [[[119.30, 26.03], [119.31, 26.04], [119.31, 26.03], [119.30, 26.04], [119.30, 26.03]]] },
  };
  writeGeoJSON(join(dir, 'bowtie.geojson'), [bowtie]);
  const result = investmap('import', join(dir, 'bowtie.geojson'), '--db', db);
  assert.equal(result.status, 0, result.output);
  assert.match(result.stdout, /修复 repaired 1/);
  assert.equal(scalar(db, "SELECT ST_IsValid(geom) FROM parcels WHERE code = 'S-1'"), 1);
  assert.equal(scalar(db, "SELECT GeometryType(geom) FROM parcels WHERE code = 'S-1'"), 'MULTIPOLYGON');
});

test('a file that does not exist, a missing or wrong CRS and a bad mapping file are refused', (t) => {
  const { dir, db, assertUnchanged } = baseline(t);
  assertRejected(investmap('import', join(dir, 'missing.shp'), '--db', db), /source file not found/);
  // Gauss-Krüger metres with no CRS given cannot be read as lon/lat.
  writeFileSync(join(dir, 'gk.csv'), '编号,类型,X,Y\nC-2,土地,40500000,2900000\n');
  assertRejected(investmap('import', join(dir, 'gk.csv'), '--db', db), /declares no CRS .* --s-srs/);
  // lon/lat read as Gauss-Krüger metres lands near the equator, far outside China.
  writeGeoJSON(join(dir, 'lonlat.geojson'), [squareFeature({ 地块编号: 'C-1', 类型: '土地' }, 119.30, 26.03)]);
  assertRejected(investmap('import', join(dir, 'lonlat.geojson'), '--db', db, '--s-srs', 'EPSG:4547'), /outside China/);
  writeFileSync(join(dir, 'bad.toml'), '[fields]\ncode = "DKBH"\nrent = "ZJ"\n');
  assertRejected(investmap('import', join(dir, 'lonlat.geojson'), '--db', db, '--mapping', join(dir, 'bad.toml')), /bad\.toml:3/);
  assertUnchanged();
});

test('a failed or dry-run import into a new database leaves no file behind', (t) => {
  const { dir } = baseline(t);
  writeGeoJSON(join(dir, 'one.geojson'), [squareFeature({ 地块编号: 'N-1', 类型: '土地', 状态: '作废' }, 119.30, 26.03)]);
  const db = join(dir, 'new.sqlite');
  assertRejected(investmap('import', join(dir, 'one.geojson'), '--db', db), /unknown status/);
  writeGeoJSON(join(dir, 'ok.geojson'), [squareFeature({ 地块编号: 'N-1', 类型: '土地', 状态: '闲置' }, 119.30, 26.03)]);
  const dry = investmap('import', join(dir, 'ok.geojson'), '--db', db, '--dry-run');
  assert.equal(dry.status, 0, dry.output);
  assert.match(dry.stdout, /dry run, nothing written: 读取 read 1 · 新增 inserted 1/);
  assert.equal(existsSync(db), false);
});

test('usage errors exit with status 2', () => {
  const sample = join(SAMPLE, 'parcels.geojson');
  assert.equal(investmap().status, 2);
  assert.equal(investmap('import', 'x.geojson').status, 2);  // no --db
  assert.equal(investmap('import', 'x.geojson', '--db', 'd', '--kind', 'house').status, 2);
  const badCrs = investmap('import', sample, '--db', 'never-written.sqlite', '--s-srs', 'EPSG:99999999');
  assert.equal(badCrs.status, 2, badCrs.output);
  assert.match(badCrs.stderr, /unrecognised CRS/);
});

test('a parcel with more vertices than --max-vertices is rejected before repair, and numbers past their maximum too', (t) => {
  const { dir, db, assertUnchanged } = baseline(t);
  // A 2 000-vertex circle around a point in the district.
  const ring = Array.from({ length: 2000 }, (_, i) => [119.30 + 0.002 * Math.cos((2 * Math.PI * i) / 2000), 26.05 + 0.002 * Math.sin((2 * Math.PI * i) / 2000)]);
  ring.push(ring[0]);
  const round = { type: 'Feature', properties: { 地块编号: 'V-1', 类型: '土地', 状态: '闲置' }, geometry: { type: 'Polygon', coordinates: [ring] } };
  writeGeoJSON(join(dir, 'round.geojson'), [round]);
  assertRejected(investmap('import', join(dir, 'round.geojson'), '--db', db, '--max-vertices', '1000'), /more than 1000 vertices/);
  assertUnchanged();
  assert.equal(investmap('import', join(dir, 'round.geojson'), '--db', db, '--dry-run').status, 0, 'the default allows 100 000');

  writeGeoJSON(join(dir, 'absurd.geojson'), [squareFeature({ 地块编号: 'A-1', 类型: '厂房', 状态: '闲置', 租金: '1e308' }, 119.32, 26.03)]);
  assertRejected(investmap('import', join(dir, 'absurd.geojson'), '--db', db), /rent_yuan_m2_month must be at most 10000/);
  assertUnchanged();
});

test('an unknown label on 145 rows is told once, with the mapping-file line that would name it', (t) => {
  const { dir, db, assertUnchanged } = baseline(t);
  const rows = Array.from({ length: 145 }, (_, i) => `R-${i},土地,搁置,POINT (119.3${i % 10} 26.03)`);
  writeFileSync(join(dir, 'shelved.csv'), ['编号,类型,状态,WKT', ...rows].join('\n') + '\n');
  const result = investmap('import', join(dir, 'shelved.csv'), '--db', db);
  assertRejected(result, /145 rows rejected, the database is unchanged/);
  assert.equal(result.stderr.match(/拒绝 rejected/g).length, 1, result.stderr);
  assert.match(result.stderr, /拒绝 rejected 145 行 rows · status: 未知状态“搁置”.* · 要素 features 1, 2, 3, 4, 5 …/);
  assert.match(result.stderr, /\[values\.status\]\n"搁置" = ""  # 请填写 fill in one of: available, negotiating/);
  assertUnchanged();
  // Filled in as the message says, the same file imports.
  writeFileSync(join(dir, 'shelved.toml'), '[values.status]\n"搁置" = "withdrawn"\n');
  const again = investmap('import', join(dir, 'shelved.csv'), '--db', db, '--mapping', join(dir, 'shelved.toml'));
  assert.equal(again.status, 0, again.output);
  assert.equal(scalar(db, "SELECT count(*) FROM parcels WHERE status = 'withdrawn'"), 145);
});

test('--skip-rejected writes the good rows in one transaction and reports the rest; the default stays all-or-nothing', (t) => {
  const { dir, db } = baseline(t);
  writeGeoJSON(join(dir, 'mixed.geojson'), [
    squareFeature({ 地块编号: 'K-1', 类型: '土地', 状态: '闲置' }, 119.30, 26.04),
    squareFeature({ 地块编号: 'K-2', 类型: '土地', 状态: '卖掉了' }, 119.31, 26.04),
    squareFeature({ 地块编号: 'K-1', 类型: '土地', 状态: '闲置' }, 119.32, 26.04),
    squareFeature({ 地块编号: 'G-1', 类型: '土地', 状态: '在谈' }, 119.30, 26.03),
  ]);
  const refused = investmap('import', join(dir, 'mixed.geojson'), '--db', db);
  assertRejected(refused, /2 rows rejected, the database is unchanged.*--skip-rejected/s);

  const report = join(dir, 'skipped.csv');
  const result = investmap('import', join(dir, 'mixed.geojson'), '--db', db, '--skip-rejected', '--report', report);
  assert.equal(result.status, 0, result.output);
  assert.match(result.stdout, /读取 read 4 · 新增 inserted 1 · 更新 updated 1 .* 拒绝 rejected 2/);
  assert.match(result.stderr, /拒绝 rejected 1 行 rows · status: 未知状态“卖掉了”/);
  assert.deepEqual(query(db, 'SELECT code, status FROM parcels ORDER BY code').map((r) => [r.code, r.status]),
    [['G-1', 'negotiating'], ['G-2', 'negotiating'], ['K-1', 'available']]);
  assert.equal(readFileSync(report, 'utf8').trim().split('\r\n').length, 3, 'the report lists both rejected rows');
  assert.equal(scalar(db, "SELECT count(*) FROM audit_events WHERE parcel_code = 'K-2'"), 0);
});
