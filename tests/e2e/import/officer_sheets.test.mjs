// The sheets bureau officers keep (issue 21): coordinates in one cell as
// coordinate pickers copy them, in degrees-minutes-seconds, in columns typed
// the wrong way round, and Gauss-Krüger metres handed over without a CRS.
// Each sheet is written by the test; XLSX ones through GDAL's own ogr2ogr.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { investmap, ogr2ogr, query, sampleDatabase, sha256, workdir } from '../helpers.mjs';

// 119°17′1.6″ E, 26°2′27.2″ N, in Cangshan.
const LON = 119 + 17 / 60 + 1.6 / 3600;
const LAT = 26 + 2 / 60 + 27.2 / 3600;

function point(db, code) {
  return query(db, `SELECT X(geom) AS lon, Y(geom) AS lat FROM parcels WHERE code = '${code}'`)[0];
}

function assertNear(actual, lon, lat, what) {
  assert.ok(actual, `${what}: not imported`);
  assert.ok(Math.abs(actual.lon - lon) < 1e-6 && Math.abs(actual.lat - lat) < 1e-6, `${what}: ${JSON.stringify(actual)}`);
}

test('one 坐标 cell in every form a picker or an officer writes, DMS included, imports to the same place', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeFileSync(join(dir, 'cells.csv'), [
    '地块编号,类型,坐标',
    'P-1,厂房,"119.283774,26.040896"',
    'P-2,厂房,"119.283774，26.040896"',
    'P-3,厂房,"26.040896,119.283774"',
    'P-4,厂房,东经119°17′1.6″ 北纬26°2′27.2″',
    'P-5,厂房,"119度17分1.6秒, 26度2分27.2秒"',
  ].join('\n') + '\n');
  ogr2ogr('-f', 'XLSX', join(dir, 'cells.xlsx'), join(dir, 'cells.csv'), '-nln', '厂房清单');
  const result = investmap('import', join(dir, 'cells.xlsx'), '--db', db);
  assert.equal(result.status, 0, result.output);
  assert.match(result.stderr, /位置取自 location from: 坐标/);
  assert.doesNotMatch(result.stderr, /unused columns:.*坐标/);
  for (const code of ['P-1', 'P-2', 'P-3']) assertNear(point(db, code), 119.283774, 26.040896, code);
  for (const code of ['P-4', 'P-5']) assertNear(point(db, code), LON, LAT, code);
  // Read as WGS 84 without being told: the summary asks about web maps.
  assert.match(result.stderr, /提示 hint: .*--s-srs GCJ02.*--s-srs BD09/);
});

test('lon/lat columns typed the wrong way round are read by range and reported; DMS columns too', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeFileSync(join(dir, 'swapped.csv'), [
    '地块编号,类型,经度,纬度',
    'S-1,土地,26.040896,119.283774',
    'S-2,土地,119.283774,26.040896',
    'S-3,土地,北纬26°2′27.2″,东经119°17′1.6″',
  ].join('\n') + '\n');
  const result = investmap('import', join(dir, 'swapped.csv'), '--db', db);
  assert.equal(result.status, 0, result.output);
  assert.match(result.stderr, /2 行的经度、纬度两列互换.* 2 rows had longitude and latitude swapped/);
  assert.match(result.stderr, /位置取自 location from: 经度 纬度/);
  assert.doesNotMatch(result.stderr, /unused columns/, 'the lon/lat columns are used, not unused');
  assertNear(point(db, 'S-1'), 119.283774, 26.040896, 'S-1');
  assertNear(point(db, 'S-2'), 119.283774, 26.040896, 'S-2');
  assertNear(point(db, 'S-3'), LON, LAT, 'S-3');
});

test('columns named for 高德 or 百度 read as WGS 84 draw a firm hint naming the option', (t) => {
  const dir = workdir(t);
  writeFileSync(join(dir, 'amap.csv'), '地块编号,类型,高德经度,高德纬度\nA-1,土地,119.288,26.038\n');
  const amap = investmap('import', join(dir, 'amap.csv'), '--db', join(dir, 'a.sqlite'));
  assert.equal(amap.status, 0, amap.output);
  assert.match(amap.stderr, /column '高德经度' looks like web-map coordinates .* --s-srs GCJ02/);
  writeFileSync(join(dir, 'baidu.csv'), '地块编号,类型,bd_lng,bd_lat\nB-1,土地,119.295,26.044\n');
  const baidu = investmap('import', join(dir, 'baidu.csv'), '--db', join(dir, 'b.sqlite'));
  assert.match(baidu.stderr, /--s-srs BD09/);
  const told = investmap('import', join(dir, 'baidu.csv'), '--db', join(dir, 'c.sqlite'), '--s-srs', 'BD09');
  assert.equal(told.status, 0, told.output);
  assert.doesNotMatch(told.stderr, /提示 hint/, 'no hint once the option is given');
});

test('a bad coordinate cell rejects its row with the reason, and the database is unchanged', (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const before = sha256(db);
  writeFileSync(join(dir, 'bad.csv'), '地块编号,类型,坐标\nX-1,土地,"119.28,26.04"\nX-2,土地,119°61′0″ 26°2′\n');
  const result = investmap('import', join(dir, 'bad.csv'), '--db', db);
  assert.equal(result.status, 1, result.output);
  assert.match(result.stderr, /geometry: .*is not a coordinate/);
  assert.equal(sha256(db), before);
});

test('Gauss-Krüger metres without a CRS: the zone prefix names EPSG:4528, the district boundary finds EPSG:4549', (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const before = sha256(db);
  // The point above in both forms, computed by GDAL's own tools.
  writeFileSync(join(dir, 'wgs.csv'), `id,WKT\n1,"POINT (${LON} ${LAT})"\n`);
  const projected = (epsg) => {
    ogr2ogr('-f', 'CSV', join(dir, `p${epsg}.csv`), join(dir, 'wgs.csv'), '-s_srs', 'EPSG:4326', '-t_srs', `EPSG:${epsg}`, '-lco', 'GEOMETRY=AS_XY');
    return readXY(join(dir, `p${epsg}.csv`));
  };
  for (const [epsg, expected] of [[4528, /add --s-srs EPSG:4528/], [4549, /EPSG:4549 .*inside the district boundary: add --s-srs EPSG:4549/]]) {
    const { x, y } = projected(epsg);
    writeFileSync(join(dir, `gk${epsg}.csv`), `编号,类型,X,Y\nG-1,土地,${x},${y}\n`);
    const refused = investmap('import', join(dir, `gk${epsg}.csv`), '--db', db);
    assert.equal(refused.status, 1, refused.output);
    assert.match(refused.stderr, expected);
    const told = investmap('import', join(dir, `gk${epsg}.csv`), '--db', db, '--s-srs', `EPSG:${epsg}`, '--dry-run');
    assert.equal(told.status, 0, told.output);
  }
  // Into a database with no boundary, the message explains the zones instead of guessing.
  const { x, y } = projected(4549);
  writeFileSync(join(dir, 'plain.csv'), `编号,类型,X,Y\nG-1,土地,${x},${y}\n`);
  const alone = investmap('import', join(dir, 'plain.csv'), '--db', join(dir, 'empty.sqlite'));
  assert.match(alone.stderr, /without a zone prefix.*import-context --as boundary/);
  assert.equal(sha256(db), before);
});

function readXY(file) {
  const [header, row] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header.split(',');
  const cells = row.split(',');
  return { x: Number(cells[names.indexOf('X')]), y: Number(cells[names.indexOf('Y')]) };
}

test('a sheet with only 序号 is refused naming --generate-codes; with it, re-importing an edited sheet updates and never duplicates', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  const sheet = (name, rows) => {
    writeFileSync(join(dir, `${name}.csv`), ['序号,名称,地址,类型,状态,坐标', ...rows].join('\n') + '\n');
    ogr2ogr('-f', 'XLSX', join(dir, `${name}.xlsx`), join(dir, `${name}.csv`), '-nln', '闲置厂房');
    return join(dir, `${name}.xlsx`);
  };
  const first = sheet('first', [
    '1,下渡标准厂房1号楼,仓山区金山大道618号,厂房,闲置,"119.283,26.040"',
    '2,下渡标准厂房2号楼,仓山区金山大道618号,厂房,闲置,"119.284,26.041"',
    '3,建新仓库,仓山区建新北路2号,厂房,在谈,"119.270,26.050"',
  ]);
  const refused = investmap('import', first, '--db', db);
  assert.equal(refused.status, 1, refused.output);
  assert.match(refused.stderr, /--generate-codes PREFIX/);

  const imported = investmap('import', first, '--db', db, '--generate-codes', 'CS');
  assert.equal(imported.status, 0, imported.output);
  assert.match(imported.stdout, /新增 inserted 3/);
  const codes = query(db, 'SELECT code, name FROM parcels ORDER BY name');
  assert.ok(codes.every((row) => /^CS-[0-9A-HJKMNP-TV-Z]{8}$/.test(row.code)), JSON.stringify(codes));

  // The bureau re-sorts the sheet, inserts a row, renumbers 序号, retypes a
  // name with a space and moves a parcel on: the same parcels are updated.
  const edited = sheet('edited', [
    '1,建新仓库,仓山区建新北路2号,厂房,已签约,"119.270,26.050"',
    '2,城门新厂房,仓山区城门镇1号,厂房,闲置,"119.350,25.990"',
    '3,下渡标准厂房 2号楼,仓山区金山大道618号,厂房,闲置,"119.284,26.041"',
    '4,下渡标准厂房1号楼,仓山区金山大道618号,厂房,闲置,"119.283,26.040"',
  ]);
  const again = investmap('import', edited, '--db', db, '--generate-codes', 'CS');
  assert.equal(again.status, 0, again.output);
  // Updated: the warehouse's status, and the respelled name (same code, the new spelling stored).
  assert.match(again.stdout, /新增 inserted 1 · 更新 updated 2 · 未变 unchanged 1/);
  assert.equal(query(db, 'SELECT count(*) AS n FROM parcels')[0].n, 4);
  const warehouse = query(db, "SELECT code, status FROM parcels WHERE name = '建新仓库'")[0];
  assert.equal(warehouse.code, codes.find((row) => row.name === '建新仓库').code);
  assert.equal(warehouse.status, 'signed');

  // Two rows with the same name and address cannot be told apart: both are named.
  const twins = sheet('twins', [
    '1,下渡标准厂房1号楼,仓山区金山大道618号,厂房,闲置,"119.283,26.040"',
    '2,下渡标准厂房1号楼,仓山区金山大道618号,厂房,闲置,"119.283,26.040"',
  ]);
  const before = sha256(db);
  const collided = investmap('import', twins, '--db', db, '--generate-codes', 'CS');
  assert.equal(collided.status, 1, collided.output);
  assert.match(collided.stderr, /same name and address as feature 2, so the generated code CS-\w+ repeats/);
  assert.equal(sha256(db), before);
  assert.equal(investmap('import', first, '--db', db, '--generate-codes', 'a/b').status, 2, 'a prefix that is no code is a usage error');
});

test('a city grid (城建坐标) with its 4-parameter transform as a PROJ pipeline lands where the same point in EPSG:4549 does', (t) => {
  const dir = workdir(t);
  // The city grid: GK = m·R(θ)·city + (x0, y0), θ = 0.5°, m = 1.0001, as a
  // bureau of surveying would publish it; the test puts a parcel corner at
  // GK (427000, 2880000) and works out its city-grid coordinates.
  const [x0, y0, theta, m] = [400000, 2800000, (0.5 * Math.PI) / 180, 1.0001];
  const [gx, gy] = [427000 - x0, 2880000 - y0];
  const cityX = (Math.cos(theta) * gx + Math.sin(theta) * gy) / m;
  const cityY = (-Math.sin(theta) * gx + Math.cos(theta) * gy) / m;
  const affine = `+proj=affine +xoff=${x0} +yoff=${y0} +s11=${m * Math.cos(theta)} +s12=${-m * Math.sin(theta)} ` +
    `+s21=${m * Math.sin(theta)} +s22=${m * Math.cos(theta)}`;
  const tmerc = '+inv +proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80';
  const pipeline = `+proj=pipeline +step ${affine} +step ${tmerc} +step +proj=unitconvert +xy_in=rad +xy_out=deg`;
  writeFileSync(join(dir, 'city.csv'), `编号,类型,X,Y\nC-1,土地,${cityX},${cityY}\n`);
  writeFileSync(join(dir, 'gk.csv'), '编号,类型,X,Y\nC-1,土地,427000,2880000\n');
  const city = investmap('import', join(dir, 'city.csv'), '--db', join(dir, 'city.sqlite'), '--s-srs', pipeline);
  assert.equal(city.status, 0, city.output);
  assert.match(city.stderr, /PROJ 管线 pipeline/);
  const gk = investmap('import', join(dir, 'gk.csv'), '--db', join(dir, 'gk.sqlite'), '--s-srs', 'EPSG:4549');
  assert.equal(gk.status, 0, gk.output);
  const expected = point(join(dir, 'gk.sqlite'), 'C-1');
  assertNear(point(join(dir, 'city.sqlite'), 'C-1'), expected.lon, expected.lat, 'city grid');

  // Left in radians, or not a pipeline PROJ knows: told what to fix.
  const radians = investmap('import', join(dir, 'city.csv'), '--db', join(dir, 'r.sqlite'), '--s-srs', `+proj=pipeline +step ${affine} +step ${tmerc}`);
  assert.match(radians.stderr, /end it with \+step \+proj=unitconvert \+xy_in=rad \+xy_out=deg/);
  const unknown = investmap('import', join(dir, 'city.csv'), '--db', join(dir, 'r.sqlite'), '--s-srs', '+proj=pipeline +step +proj=nonsense');
  assert.equal(unknown.status, 2, unknown.output);
  assert.match(unknown.stderr, /the PROJ pipeline given as --s-srs cannot be used/);
});

test('--allow-unlocated keeps address-only rows off the map in the 待定位 list; a later sheet with coordinates places them', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeFileSync(join(dir, 'addresses.csv'), ['编号,名称,地址,类型,坐标', 'A-1,城门厂房,仓山区城门镇1号,厂房,', 'A-2,建新仓库,仓山区建新北路2号,厂房,',
    'A-3,金山楼宇,仓山区金山大道618号,楼宇,"119.283,26.040"', 'A-4,坏坐标,仓山区,楼宇,"119°61′,26"'].join('\n') + '\n');
  const refused = investmap('import', join(dir, 'addresses.csv'), '--db', db);
  assert.equal(refused.status, 1, refused.output);
  assert.match(refused.stderr, /拒绝 rejected 2 行 rows · geometry/);

  const kept = investmap('import', join(dir, 'addresses.csv'), '--db', db, '--allow-unlocated', '--skip-rejected');
  assert.equal(kept.status, 0, kept.output);
  assert.match(kept.stdout, /新增 inserted 1 .*拒绝 rejected 1 · 待定位 unlocated 2|新增 inserted 1 .*待定位 unlocated 2/);
  assert.match(kept.stderr, /geometry: .*is not a coordinate/, 'a bad location is still a rejection');
  assert.deepEqual(query(db, 'SELECT code FROM parcels ORDER BY code').map((r) => r.code), ['A-3']);
  assert.deepEqual(query(db, 'SELECT code, source FROM unlocated_parcels ORDER BY code'),
    [{ code: 'A-1', source: join(dir, 'addresses.csv') }, { code: 'A-2', source: join(dir, 'addresses.csv') }]);

  writeFileSync(join(dir, 'located.csv'), '编号,类型,坐标\nA-1,厂房,"119.350,25.990"\n');
  const placed = investmap('import', join(dir, 'located.csv'), '--db', db);
  assert.equal(placed.status, 0, placed.output);
  assert.deepEqual(query(db, "SELECT name, address FROM parcels WHERE code = 'A-1'"), [{ name: '城门厂房', address: '仓山区城门镇1号' }],
    'what the first sheet said stays');
  assert.deepEqual(query(db, 'SELECT code FROM unlocated_parcels').map((r) => r.code), ['A-2'], 'A-1 left the list');
});

test('import-context takes --s-srs and --layer as import does: a boundary in Gauss-Krüger metres without a .prj', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeFileSync(join(dir, 'wgs.csv'), `name,WKT\n仓山区,"POLYGON ((119.2 25.95,119.45 25.95,119.45 26.08,119.2 26.08,119.2 25.95))"\n`);
  ogr2ogr('-f', 'GPKG', join(dir, 'boundary.gpkg'), join(dir, 'wgs.csv'), '-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:4549', '-a_srs', 'EPSG:4549', '-nln', '区界');
  ogr2ogr('-f', 'ESRI Shapefile', join(dir, 'boundary.shp'), join(dir, 'boundary.gpkg'));
  rmSync(join(dir, 'boundary.prj'));
  const result = investmap('import-context', join(dir, 'boundary.shp'), '--db', db, '--as', 'boundary', '--s-srs', 'EPSG:4549');
  assert.equal(result.status, 0, result.output);
  const [extent] = query(db, "SELECT MbrMinX(geom) AS west, MbrMaxY(geom) AS north FROM context_features WHERE layer = 'boundary'");
  assert.ok(Math.abs(extent.west - 119.2) < 1e-6 && Math.abs(extent.north - 26.08) < 1e-6, JSON.stringify(extent));
  const layered = investmap('import-context', join(dir, 'boundary.gpkg'), '--db', db, '--as', 'boundary', '--layer', '区界');
  assert.equal(layered.status, 0, layered.output);
});
