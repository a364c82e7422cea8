// Coordinates officers pick from 高德/腾讯 (GCJ-02) and 百度 (BD-09) maps:
// `--s-srs GCJ02` / `BD09` bring them back to WGS 84. The test shifts WGS 84
// points across China forward with the published formulas written here
// (independently of core/geo/web_datums.cpp), imports the shifted sheets,
// and reads the WGS 84 points back within 0.5 m.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { investmap, query, workdir } from '../helpers.mjs';

// The published GCJ-02 offset (Krasovsky 1940 ellipsoid) and BD-09 on top of it.
function gcj02(lon, lat) {
  if (lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271) return [lon, lat];
  const { PI, sin, cos, sqrt, abs } = Math;
  const x = lon - 105;
  const y = lat - 35;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x));
  dLat += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  dLat += ((20 * sin(y * PI) + 40 * sin((y / 3) * PI)) * 2) / 3;
  dLat += ((160 * sin((y / 12) * PI) + 320 * sin((y * PI) / 30)) * 2) / 3;
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x));
  dLon += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  dLon += ((20 * sin(x * PI) + 40 * sin((x / 3) * PI)) * 2) / 3;
  dLon += ((150 * sin((x / 12) * PI) + 300 * sin((x / 30) * PI)) * 2) / 3;
  const a = 6378245.0;
  const ee = 0.00669342162296594323;
  const radLat = (lat / 180) * PI;
  const magic = 1 - ee * sin(radLat) ** 2;
  dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * sqrt(magic))) * PI);
  dLon = (dLon * 180) / ((a / sqrt(magic)) * cos(radLat) * PI);
  return [lon + dLon, lat + dLat];
}

function bd09(lon, lat) {
  const [x, y] = gcj02(lon, lat);
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * xPi);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

const metres = ([lon1, lat1], [lon2, lat2]) => {
  const r = Math.PI / 180;
  return 6371008.8 * Math.hypot((lon2 - lon1) * r * Math.cos(((lat1 + lat2) / 2) * r), (lat2 - lat1) * r);
};

const PLACES = { 哈尔滨: [126.6424, 45.7567], 喀什: [75.9891, 39.4704], 三亚: [109.5119, 18.2528], 福州: [119.283774, 26.040896],
                 拉萨: [91.1409, 29.6456], 上海: [121.4737, 31.2304] };

test('GCJ-02 and BD-09 sheets land on their WGS 84 points within 0.5 m; WGS 84 sheets are not moved', (t) => {
  const dir = workdir(t);
  for (const [datum, forward, names] of [['GCJ02', gcj02, ['GCJ02', 'gcj-02']], ['BD09', bd09, ['BD09', 'bd09']],
                                          ['EPSG:4326', (lon, lat) => [lon, lat], ['EPSG:4326']]]) {
    const rows = Object.entries(PLACES).map(([name, point], i) => `P-${i},${name},楼宇,闲置,${forward(...point).join(',')}`);
    const sheet = join(dir, `${datum.replace(':', '')}.csv`);
    writeFileSync(sheet, `编号,名称,类型,状态,经度,纬度\n${rows.join('\n')}\n`);
    for (const name of names) {
      const db = join(dir, `${name.replace(':', '')}.sqlite`);
      const result = investmap('import', sheet, '--db', db, '--s-srs', name);
      assert.equal(result.status, 0, result.output);
      if (datum !== 'EPSG:4326') assert.match(result.output, datum === 'GCJ02' ? /GCJ-02/ : /BD-09/, 'the log names the datum');
      for (const row of query(db, 'SELECT name, X(geom) AS lon, Y(geom) AS lat FROM parcels')) {
        const off = metres([row.lon, row.lat], PLACES[row.name]);
        assert.ok(off < 0.5, `${name}: ${row.name} is ${off.toFixed(3)} m from its WGS 84 point`);
      }
    }
  }
  // Without the option the shift is kept, as before: Fuzhou's 高德 point is ≈ 589 m off.
  assert.ok(Math.abs(metres(gcj02(...PLACES.福州), PLACES.福州) - 589) < 40);
});

test('a mapping file says crs = "BD09" for a sheet of 百度 coordinates; --s-srs wins over it', (t) => {
  const dir = workdir(t);
  const rows = Object.entries(PLACES).map(([name, point], i) => `P-${i},${name},楼宇,闲置,${bd09(...point).join(',')}`);
  writeFileSync(join(dir, 'baidu.csv'), `编号,名称,类型,状态,经度,纬度\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'baidu.toml'), 'crs = "BD09"\n');
  const result = investmap('import', join(dir, 'baidu.csv'), '--db', join(dir, 'a.sqlite'), '--mapping', join(dir, 'baidu.toml'));
  assert.equal(result.status, 0, result.output);
  for (const row of query(join(dir, 'a.sqlite'), 'SELECT name, X(geom) AS lon, Y(geom) AS lat FROM parcels')) {
    assert.ok(metres([row.lon, row.lat], PLACES[row.name]) < 0.5, row.name);
  }
  const overridden = investmap('import', join(dir, 'baidu.csv'), '--db', join(dir, 'b.sqlite'), '--mapping', join(dir, 'baidu.toml'),
                               '--s-srs', 'GCJ02');
  assert.equal(overridden.status, 0, overridden.output);
  const [fuzhou] = query(join(dir, 'b.sqlite'), "SELECT X(geom) AS lon, Y(geom) AS lat FROM parcels WHERE name = '福州'");
  assert.ok(metres([fuzhou.lon, fuzhou.lat], PLACES.福州) > 300, 'read as GCJ-02, the BD-09 offset stays');
});

test('an unknown --s-srs names GCJ02 and BD09 in its message', (t) => {
  const dir = workdir(t);
  writeFileSync(join(dir, 'a.csv'), '编号,名称,类型,状态,经度,纬度\nA-1,甲,楼宇,闲置,119.28,26.04\n');
  const result = investmap('import', join(dir, 'a.csv'), '--db', join(dir, 'a.sqlite'), '--s-srs', '高德');
  assert.equal(result.status, 2);
  assert.match(result.output, /GCJ02/);
  assert.match(result.output, /BD09/);
});
