// `investmap import` on the formats districts hand over, each made in the test
// by GDAL's own ogr2ogr: GBK Shapefile without .cpg in a Gauss-Krüger zone,
// GeoJSON, KML, CSV with WKT or lon/lat, XLSX, GeoPackage.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate, investmap, ogr2ogr, query, scalar, squareFeature, workdir, writeGeoJSON } from '../helpers.mjs';

// Three parcels near Shenzhen, inside EPSG:4547's zone (CM 114°E).
function shenzhenParcels(file) {
  writeGeoJSON(file, [
    squareFeature({ 地块编号: 'SZ-1', 名称: '光明科学城一号地', 类型: '土地', 状态: '闲置', 用地性质: 'M1', 面积_亩: 30 }, 114.05, 22.55),
    squareFeature({ 地块编号: 'SZ-2', 名称: '宝安标准厂房', 类型: '厂房', 状态: '在谈', 电力容量: '630kVA' }, 114.06, 22.55),
    squareFeature({ 地块编号: 'SZ-3', 名称: '南山楼宇', 类型: '楼宇', 状态: '已签约', 租金: '80' }, 114.07, 22.56),
  ]);
}

test('a GBK Shapefile without .cpg in EPSG:4547 needs --encoding GBK, then imports intact', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  shenzhenParcels(join(dir, 'src.geojson'));
  ogr2ogr('-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4547', '-lco', 'ENCODING=CP936', join(dir, 'gbk.shp'), join(dir, 'src.geojson'));
  rmSync(join(dir, 'gbk.cpg'));

  const refused = investmap('import', join(dir, 'gbk.shp'), '--db', db);
  assert.equal(refused.status, 1, refused.output);
  assert.match(refused.stderr, /--encoding GBK/);

  const imported = investmap('import', join(dir, 'gbk.shp'), '--db', db, '--encoding', 'GBK');
  assert.equal(imported.status, 0, imported.output);
  assert.match(imported.stderr, /EPSG:4547/);
  const rows = query(db, 'SELECT code, name, kind, status, X(Centroid(geom)) AS lon, Y(Centroid(geom)) AS lat FROM parcels ORDER BY code');
  assert.deepEqual(rows.map((r) => [r.code, r.name, r.kind, r.status]), [
    ['SZ-1', '光明科学城一号地', 'land', 'available'],
    ['SZ-2', '宝安标准厂房', 'factory', 'negotiating'],
    ['SZ-3', '南山楼宇', 'office', 'signed'],
  ]);
  assert.ok(Math.abs(rows[0].lon - 114.051) < 1e-6 && Math.abs(rows[0].lat - 22.551) < 1e-6, 'reprojected back to lon/lat');
  assert.equal(scalar(db, "SELECT area_m2 FROM parcels WHERE code = 'SZ-1'"), 20000, '30 亩 = 20 000 m²');
  // Without an area column value the area is measured on the ellipsoid, as SpatiaLite measures it.
  const [measured] = query(db, "SELECT area_m2 AS ours, Area(geom, 1) AS spatialite FROM parcels WHERE code = 'SZ-2'");
  assert.ok(measured.ours > 1000 && Math.abs(measured.ours - measured.spatialite) < 0.01, JSON.stringify(measured));
});

test('GeoJSON, KML and GeoPackage import with their CRS', (t) => {
  const dir = workdir(t);
  shenzhenParcels(join(dir, 'src.geojson'));
  ogr2ogr('-f', 'KML', join(dir, 'src.kml'), join(dir, 'src.geojson'));
  ogr2ogr('-f', 'GPKG', '-t_srs', 'EPSG:4526', join(dir, 'src.gpkg'), join(dir, 'src.geojson'));  // zone 38 with prefix
  for (const source of ['src.geojson', 'src.kml', 'src.gpkg']) {
    const db = join(dir, `${source}.sqlite`);
    const result = investmap('import', join(dir, source), '--db', db);
    assert.equal(result.status, 0, `${source}: ${result.output}`);
    assert.equal(scalar(db, 'SELECT count(*) FROM parcels'), 3, source);
    const lon = scalar(db, "SELECT X(Centroid(geom)) FROM parcels WHERE code = 'SZ-2'");
    assert.ok(Math.abs(lon - 114.061) < 1e-6, `${source}: lon ${lon}`);
  }
});

test('a generated district in a GeoPackage (EPSG:4549) imports every parcel with its Chinese labels mapped', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  generate('--parcels', '2000', '--out', join(dir, 'district.gpkg'));
  const result = investmap('import', join(dir, 'district.gpkg'), '--db', db);
  assert.equal(result.status, 0, result.output);
  assert.match(result.stdout, /读取 read 2000 · 新增 inserted 2000/);
  const statuses = query(db, 'SELECT DISTINCT status FROM parcels ORDER BY 1').map((r) => r.status);
  assert.deepEqual(statuses, ['available', 'negotiating', 'reserved', 'settled', 'signed', 'withdrawn']);
  assert.equal(scalar(db, 'SELECT count(*) FROM parcels WHERE area_m2 IS NULL OR area_m2 <= 0'), 0);
  assert.equal(scalar(db, 'SELECT count(*) FROM idx_parcels_geom'), 2000);
  assert.equal(scalar(db, "SELECT rtreecheck('idx_parcels_geom')"), 'ok');  // packed at the end of the import
  assert.equal(scalar(db, "SELECT CheckSpatialIndex('parcels', 'geom')"), 1);  // SpatiaLite's own check against the geometries
  assert.equal(scalar(db, 'PRAGMA integrity_check'), 'ok');
  // The indexes dropped for the load are back.
  assert.equal(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN " +
    "('parcels_by_status', 'parcels_by_park', 'audit_by_parcel')"), 3);
});

test('CSV with a WKT column and CSV with lon/lat columns', (t) => {
  const dir = workdir(t);
  writeFileSync(join(dir, 'wkt.csv'),
    '地块编号,名称,类型,状态,WKT\n' +
    'W-1,临江地块,土地,闲置,"POLYGON((119.30 26.03,119.31 26.03,119.31 26.04,119.30 26.04,119.30 26.03))"\n');
  writeFileSync(join(dir, 'lonlat.csv'), '编号,名称,类型,状态,经度,纬度,建筑面积\nL-1,海峡商务中心 8F,写字楼,可招商,119.305,26.035,"1,200"\n');
  let result = investmap('import', join(dir, 'wkt.csv'), '--db', join(dir, 'a.sqlite'));
  assert.equal(result.status, 0, result.output);
  assert.equal(scalar(join(dir, 'a.sqlite'), 'SELECT GeometryType(geom) FROM parcels'), 'POLYGON');
  result = investmap('import', join(dir, 'lonlat.csv'), '--db', join(dir, 'b.sqlite'));
  assert.equal(result.status, 0, result.output);
  const [office] = query(join(dir, 'b.sqlite'), 'SELECT kind, area_m2, X(geom) AS lon FROM parcels');
  assert.deepEqual(office, { kind: 'office', area_m2: 1200, lon: 119.305 });
});

test('an XLSX sheet with lon/lat columns', (t) => {
  const dir = workdir(t);
  writeFileSync(join(dir, 'sheet.csv'), '编号,名称,类型,状态,经度,纬度,租金\nX-1,仓山万达 21F,楼宇,闲置可招商,119.28,26.04,55\nX-2,仓山万达 22F,楼宇,在谈,119.28,26.04,56\n');
  ogr2ogr('-f', 'XLSX', join(dir, 'sheet.xlsx'), join(dir, 'sheet.csv'), '-nln', '楼宇清单');
  const db = join(dir, 'x.sqlite');
  const result = investmap('import', join(dir, 'sheet.xlsx'), '--db', db);
  assert.equal(result.status, 0, result.output);
  assert.deepEqual(query(db, 'SELECT code, status, rent_yuan_m2_month AS rent FROM parcels ORDER BY code'), [
    { code: 'X-1', status: 'available', rent: 55 },
    { code: 'X-2', status: 'negotiating', rent: 56 },
  ]);
});

test('--s-srs overrides a source without CRS, and --mapping names unknown columns', (t) => {
  const dir = workdir(t);
  shenzhenParcels(join(dir, 'src.geojson'));
  ogr2ogr('-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4547', '-lco', 'ENCODING=UTF-8', join(dir, 'p.shp'), join(dir, 'src.geojson'),
    '-sql', 'SELECT "地块编号" AS DKBH, "类型" AS LX, "状态" AS ZT FROM src');
  rmSync(join(dir, 'p.prj'));
  writeFileSync(join(dir, 'm.toml'), '[fields]\ncode = "DKBH"\nkind = "LX"\nstatus = "ZT"\n[defaults]\npark = "光明园区"\n');
  const db = join(dir, 'd.sqlite');
  const result = investmap('import', join(dir, 'p.shp'), '--db', db, '--s-srs', 'EPSG:4547', '--mapping', join(dir, 'm.toml'));
  assert.equal(result.status, 0, result.output);
  assert.equal(scalar(db, "SELECT count(*) FROM parcels WHERE park = '光明园区'"), 3);
});

test('numbers keep every digit, from GeoJSON and from a GeoPackage', (t) => {
  const dir = workdir(t);
  // 0.1 + 0.2 needs 17 digits; printed with 15 it would come back as 0.3.
  writeGeoJSON(join(dir, 'src.geojson'), [
    squareFeature({ 地块编号: 'N-1', 类型: '厂房', 状态: '闲置', 租金: 45.123456789012345, 荷载: 0.1 + 0.2, 电力容量: 1250 }, 119.3, 26.03),
  ]);
  ogr2ogr('-f', 'GPKG', join(dir, 'src.gpkg'), join(dir, 'src.geojson'));
  for (const source of ['src.geojson', 'src.gpkg']) {
    const db = join(dir, `${source}.sqlite`);
    const result = investmap('import', join(dir, source), '--db', db);
    assert.equal(result.status, 0, `${source}: ${result.output}`);
    const exact = scalar(db, 'SELECT rent_yuan_m2_month = 45.123456789012345 AND floor_load_kn_m2 = 0.30000000000000004 ' +
      'AND power_kva = 1250 FROM parcels');
    assert.equal(exact, 1, `${source}: ${JSON.stringify(query(db, 'SELECT printf("%!.17g %!.17g", rent_yuan_m2_month, floor_load_kn_m2) AS v FROM parcels'))}`);
  }
});
