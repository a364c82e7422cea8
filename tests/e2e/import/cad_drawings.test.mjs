// A planning office's DXF (issue 21): GBK text ($DWGCODEPAGE ANSI_936), the
// parcels as closed LWPOLYLINEs on a layer 用地红线, their numbers as separate
// TEXT entities, roads as open lines, in CGCS2000 Gauss-Krüger with the zone
// prefix. The test writes the drawing as AutoCAD would (group code / value
// pairs) and encodes it to GBK with the system's iconv.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { investmap, ogr2ogr, query, sha256, workdir } from '../helpers.mjs';

const pair = (code, value) => `${code}\r\n${value}\r\n`;
const polyline = (layer, points, closed = true) =>
  pair(0, 'LWPOLYLINE') + pair(8, layer) + pair(90, points.length) + pair(70, closed ? 1 : 0) +
  points.map(([x, y]) => pair(10, x) + pair(20, y)).join('');
const text = (layer, x, y, value) =>
  pair(0, 'TEXT') + pair(8, layer) + pair(10, x) + pair(20, y) + pair(30, 0) + pair(40, 2.5) + pair(1, value);
const square = (x, y, size) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size]];

// Near 119.28°E 26.03°N, in zone 40 (EPSG:4528), in metres.
const X = 40427000;
const Y = 2880000;

function drawing(dir) {
  const entities = [
    polyline('用地红线', square(X, Y, 100)),
    text('地块编号', X + 50, Y + 50, 'CS-2026-01'),
    polyline('用地红线', square(X + 200, Y, 100)),
    text('地块编号', X + 250, Y + 40, '仓山02号'),
    text('说明', X + 250, Y + 60, '工业用地'),            // a second text: the first is the code
    polyline('用地红线', square(X + 400, Y, 100)),         // no number inside
    polyline('道路', [[X, Y - 10], [X + 500, Y - 10]], false),
    polyline('建筑', square(X + 20, Y + 20, 30)),          // another layer's closed shape
    text('图签', X + 1000, Y + 1000, '仓山区控制性详细规划'),  // inside no parcel
  ];
  const dxf = pair(0, 'SECTION') + pair(2, 'HEADER') + pair(9, '$ACADVER') + pair(1, 'AC1015') +
    pair(9, '$DWGCODEPAGE') + pair(3, 'ANSI_936') + pair(0, 'ENDSEC') +
    pair(0, 'SECTION') + pair(2, 'ENTITIES') + entities.join('') + pair(0, 'ENDSEC') + pair(0, 'EOF');
  const utf8 = join(dir, 'plan.utf8.dxf');
  writeFileSync(utf8, dxf);
  const gbk = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', utf8]);
  assert.equal(gbk.status, 0, String(gbk.stderr));
  const file = join(dir, '控规红线.dxf');
  writeFileSync(file, gbk.stdout);
  return file;
}

test('closed polylines on 用地红线 become parcels with the GBK TEXT inside each as the code', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  const dxf = drawing(dir);
  const refused = investmap('import', dxf, '--db', db, '--kind', 'land');
  assert.equal(refused.status, 1, refused.output);
  assert.match(refused.stderr, /add --s-srs EPSG:4528/);

  const result = investmap('import', dxf, '--db', db, '--kind', 'land', '--s-srs', 'EPSG:4528',
    '--cad-layer', '用地红线', '--skip-rejected');
  assert.equal(result.status, 0, result.output);
  assert.match(result.stderr, /3 closed shapes as parcels \(layer 用地红线\), 1 open shapes left out, 1 texts inside no parcel, 1 parcels with no text inside, 1 parcels with several texts, the first kept/);
  assert.match(result.stdout, /新增 inserted 2 .* 拒绝 rejected 1/);
  const parcels = query(db, 'SELECT code, kind, round(area_m2) AS area, X(Centroid(geom)) AS lon, Y(Centroid(geom)) AS lat FROM parcels ORDER BY code');
  assert.deepEqual(parcels.map((p) => [p.code, p.kind]), [['CS-2026-01', 'land'], ['仓山02号', 'land']]);
  for (const p of parcels) {
    assert.ok(Math.abs(p.area - 10000) < 10, `a 100 m square is about 1 ha: ${p.area}`);
    assert.ok(p.lon > 119.2 && p.lon < 119.4 && p.lat > 25.9 && p.lat < 26.1, JSON.stringify(p));
  }
});

test('without --cad-layer every closed shape is a parcel; a layer with none is refused naming those that have some', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  const dxf = drawing(dir);
  const all = investmap('import', dxf, '--db', db, '--kind', 'land', '--s-srs', 'EPSG:4528', '--dry-run', '--skip-rejected');
  assert.equal(all.status, 0, all.output);
  assert.match(all.stderr, /4 closed shapes as parcels,/);
  const missing = investmap('import', dxf, '--db', db, '--kind', 'land', '--s-srs', 'EPSG:4528', '--cad-layer', '红线');
  assert.equal(missing.status, 1, missing.output);
  assert.match(missing.stderr, /no closed shapes on layer '红线'; layers with closed shapes: 建筑 \(1\), 用地红线 \(3\)/);
});

test('--cad-label name with --generate-codes: the texts name the parcels and codes come from the names', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  const dxf = drawing(dir);
  const result = investmap('import', dxf, '--db', db, '--kind', 'land', '--s-srs', 'EPSG:4528',
    '--cad-layer', '用地红线', '--cad-label', 'name', '--generate-codes', 'KG', '--skip-rejected');
  assert.equal(result.status, 0, result.output);
  const names = query(db, 'SELECT code, name FROM parcels ORDER BY name').map((p) => p.name);
  assert.deepEqual(names, ['CS-2026-01', '仓山02号 工业用地']);
  assert.ok(query(db, 'SELECT code FROM parcels').every((p) => p.code.startsWith('KG-')));
  const before = sha256(db);
  assert.equal(investmap('import', dxf, '--db', db, '--cad-label', 'height').status, 2);
  assert.equal(sha256(db), before);
});

test('a hatch drawn over its own boundary is one parcel, labelled by the text inside (a DXF written by GDAL)', (t) => {
  const dir = workdir(t);
  const ring = [[X, Y], [X + 120, Y], [X + 120, Y + 90], [X, Y + 90], [X, Y]];
  const feature = (geometry, style) => ({ type: 'Feature', properties: { OGR_STYLE: style }, geometry });
  writeFileSync(join(dir, 'hatched.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
    feature({ type: 'Polygon', coordinates: [ring] }, 'BRUSH(fc:#ff0000)'),
    feature({ type: 'LineString', coordinates: ring }, 'PEN(c:#ff0000)'),
    feature({ type: 'Point', coordinates: [X + 60, Y + 45] }, 'LABEL(f:"Arial",t:"H-1")'),
  ] }));
  ogr2ogr('-f', 'DXF', join(dir, 'hatched.dxf'), join(dir, 'hatched.geojson'));
  const result = investmap('import', join(dir, 'hatched.dxf'), '--db', join(dir, 'd.sqlite'), '--kind', 'land', '--s-srs', 'EPSG:4528');
  assert.equal(result.status, 0, result.output);
  assert.match(result.stderr, /1 closed shapes as parcels, 1 duplicates \(a hatch on its boundary\) counted once/);
  assert.deepEqual(query(join(dir, 'd.sqlite'), 'SELECT code FROM parcels').map((p) => p.code), ['H-1']);
});
