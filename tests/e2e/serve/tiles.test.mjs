// `investmap serve` tiles, checked with clients nobody here wrote:
// @mapbox/vector-tile, GDAL's MVT driver, and the mvt-fixtures suite.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import * as fixtures from '@mapbox/mvt-fixtures';
import { SAMPLE, generate, get, investmap, query, sampleDatabase, startServer, tileAt, tileBounds, workdir } from '../helpers.mjs';
import { decode, features, polygonProblems } from './mvt_checks.mjs';
import { spawnSync } from 'node:child_process';

const CENTRE = [119.2861, 26.0297];  // the sample district
const PUBLIC = "status IN ('available', 'negotiating')";

test('the decoder checks accept every valid polygon of mvt-fixtures', () => {
  let checked = 0;
  fixtures.each((fixture) => {
    if (!fixture.validity.v2) return;
    let tile;
    try {
      tile = decode(fixture.buffer);
    } catch {
      return;  // valid fixtures our decoder cannot read are not about geometry
    }
    for (const name of Object.keys(tile.layers)) {
      for (const feature of features(tile, name)) {
        if (feature.type !== 3) continue;
        assert.deepEqual(polygonProblems(feature), [], `fixture ${fixture.id}: ${fixture.description}`);
        checked += 1;
      }
    }
  });
  assert.ok(checked > 0, 'some fixture has polygons');
});

// Fetches the 3×3 tiles around lon/lat at zoom z and compares each tile's
// parcels with what the database holds for the buffered tile: every parcel
// in the tile must meet it, and every parcel whose overlap covers at least
// one grid cell must be in it (a thinner sliver collapses when snapped to
// the grid). Checks every polygon. Returns how many parcels were compared.
async function compareTilesWithDatabase(server, db, [lon, lat], z) {
  const centre = tileAt(lon, lat, z);
  const cellArea = ((360 / 2 ** z / 4096) ** 2) * Math.cos((lat * Math.PI) / 180);  // one grid cell, in degrees²
  let compared = 0;
  for (const dx of [-1, 0, 1]) {
    for (const dy of [-1, 0, 1]) {
      const tile = { z, x: centre.x + dx, y: centre.y + dy };
      const b = tileBounds(tile, 64);
      const box = `BuildMbr(${b.west}, ${b.south}, ${b.east}, ${b.north}, 4326)`;
      const rows = query(db, `SELECT code, kind, status, ST_Area(ST_Intersection(geom, ${box})) AS overlap, GeometryType(geom) AS type
          FROM parcels WHERE ${PUBLIC} AND ST_Intersects(geom, ${box}) ORDER BY code`);
      const response = await get(`${server.url}/tiles/${tile.z}/${tile.x}/${tile.y}.mvt`);
      if (rows.length === 0) {
        assert.ok([200, 204].includes(response.status));
        continue;
      }
      assert.equal(response.status, 200);
      assert.equal(response.headers['content-type'], 'application/vnd.mapbox-vector-tile');
      const parcels = features(decode(response.body), 'parcels');
      const byCode = new Map(rows.map((r) => [r.code, r]));
      for (const feature of parcels) {
        const row = byCode.get(feature.properties.code);
        assert.ok(row, `${feature.properties.code} in tile ${z}/${tile.x}/${tile.y} does not meet it in the database`);
        assert.deepEqual([feature.properties.kind, feature.properties.status], [row.kind, row.status]);
        if (feature.type === 3) assert.deepEqual(polygonProblems(feature), [], feature.properties.code);
      }
      const inTile = new Set(parcels.map((f) => f.properties.code));
      for (const row of rows) {
        if (row.type === 'POINT' || row.overlap >= cellArea) assert.ok(inTile.has(row.code), `${row.code} missing from ${z}/${tile.x}/${tile.y}`);
      }
      compared += parcels.length;
    }
  }
  return compared;
}

test('sample district: tiles hold exactly the visible parcels, with valid polygons and the right fields', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const compared = await compareTilesWithDatabase(server, db, CENTRE, 14);
  assert.ok(compared > 50, `compared ${compared} parcels`);
});

test('generated district (GeoPackage in EPSG:4549): tiles agree with the database at z13 and z15', async (t) => {
  const dir = workdir(t);
  const db = join(dir, 'generated.sqlite');
  generate('--parcels', '5000', '--out', join(dir, 'district.gpkg'), '--seed', '11');
  assert.equal(investmap('import', join(dir, 'district.gpkg'), '--db', db).status, 0);
  const server = await startServer(t, db);
  const [{ lon, lat }] = query(db, 'SELECT X(Centroid(geom)) AS lon, Y(Centroid(geom)) AS lat FROM parcels ORDER BY id LIMIT 1');
  assert.ok(await compareTilesWithDatabase(server, db, [lon, lat], 13) > 200);
  assert.ok(await compareTilesWithDatabase(server, db, [lon, lat], 15) > 0);
});

test('a filter narrows the tile: kind=land&status=available', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const tile = tileAt(...CENTRE, 13);
  const response = await get(`${server.url}/tiles/13/${tile.x}/${tile.y}.mvt?kind=land&status=available`);
  const parcels = features(decode(response.body), 'parcels');
  assert.ok(parcels.length > 0);
  for (const f of parcels) assert.deepEqual([f.properties.kind, f.properties.status], ['land', 'available']);
});

test('below the parcel zoom the heat is summed per cell and conserves the weights', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  for (const z of [9, 11, 12]) {
    const tile = tileAt(...CENTRE, z);
    const b = tileBounds(tile);
    const [{ total, n }] = query(db, `SELECT coalesce(sum(coalesce(p.area_m2, 0)), 0) AS total, count(*) AS n
        FROM parcels p JOIN idx_parcels_geom i ON i.pkid = p.id WHERE ${PUBLIC.replaceAll('status', 'p.status')}
        AND (i.xmin + i.xmax) / 2 BETWEEN ${b.west} AND ${b.east} AND (i.ymin + i.ymax) / 2 BETWEEN ${b.south} AND ${b.north}`);
    const decoded = decode((await get(`${server.url}/tiles/${z}/${tile.x}/${tile.y}.mvt`)).body);
    const cells = features(decoded, 'heat');
    assert.equal(features(decoded, 'parcels').length, 0, 'no parcel polygons below the parcel zoom');
    const sum = cells.reduce((s, f) => s + f.properties.weight, 0);
    const count = cells.reduce((s, f) => s + f.properties.count, 0);
    assert.equal(count, n, `z${z} count`);
    assert.ok(Math.abs(sum - total) <= 1e-6 * total, `z${z}: ${sum} vs ${total}`);
    assert.ok(cells.length < n, `z${z}: ${cells.length} cells for ${n} parcels`);
  }
});

test("GDAL's MVT driver reads a tile with the parcels the database has", async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const server = await startServer(t, db);
  const tile = tileAt(...CENTRE, 14);
  const file = join(dir, 'tile.mvt');
  writeFileSync(file, (await get(`${server.url}/tiles/14/${tile.x}/${tile.y}.mvt`)).body);
  const info = spawnSync('ogrinfo', ['-ro', '-so', '-oo', `X=${tile.x}`, '-oo', `Y=${tile.y}`, '-oo', 'Z=14', `MVT:${file}`, 'parcels'],
    { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  const count = Number(info.stdout.match(/Feature Count: (\d+)/)[1]);
  assert.equal(count, features(decode((await get(`${server.url}/tiles/14/${tile.x}/${tile.y}.mvt`)).body), 'parcels').length);
});

test('ETag and 304, gzip on request, and an edit shows in the very next tile', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const server = await startServer(t, db);
  const tile = tileAt(...CENTRE, 14);
  const url = `${server.url}/tiles/14/${tile.x}/${tile.y}.mvt`;
  const first = await get(url);
  assert.match(first.headers.etag, /^"[0-9a-f]{16}"$/);
  assert.equal((await get(url, { 'If-None-Match': first.headers.etag })).status, 304);
  const zipped = await get(url, { 'Accept-Encoding': 'gzip' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.deepEqual(gunzipSync(zipped.body), first.body);

  // The district withdraws one visible parcel: an upsert import writes it
  // through the store, as any edit does, while the server runs.
  const [target] = features(decode(first.body), 'parcels');
  const code = target.properties.code;
  const sample = JSON.parse(readFileSync(join(SAMPLE, 'parcels.geojson'), 'utf8'));
  const changed = sample.features.filter((f) => f.properties.地块编号 === code).map((f) => ({ ...f, properties: { ...f.properties, 状态: '暂不招商' } }));
  const source = join(dir, 'withdrawn.geojson');
  writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: changed }));
  const update = investmap('import', source, '--db', db);
  assert.equal(update.status, 0, update.output);
  assert.match(update.stdout, /更新 updated 1/);
  const after = await get(url, { 'If-None-Match': first.headers.etag });
  assert.equal(after.status, 200, 'the old ETag no longer matches');
  assert.notEqual(after.headers.etag, first.headers.etag);
  const codes = features(decode(after.body), 'parcels').map((f) => f.properties.code);
  assert.ok(!codes.includes(code), `${code} is gone from the public tile`);
});

test('bad tile requests get their status and a JSON error body', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const cases = [
    ['/tiles/23/0/0.mvt', 400, 'bad_parameter'],
    ['/tiles/3/8/0.mvt', 400, 'bad_parameter'],
    ['/tiles/3/0/-1.mvt', 400, 'bad_parameter'],
    ['/tiles/3/0/0.png', 400, 'bad_parameter'],
    ['/tiles/a/0/0.mvt', 400, 'bad_parameter'],
    ['/tiles/10/851/435.mvt?colour=red', 400, 'bad_parameter'],
    ['/tiles/10/851/435.mvt?area_min=-5', 400, 'bad_parameter'],
    ['/tiles/10/851/435.mvt?kind=land&kind=office', 400, 'bad_parameter'],
    ['/tiles/10/851/435.mvt?q=%ZZ', 400, 'bad_request'],
    ['/nothing/here', 404, 'not_found'],
  ];
  for (const [path, status, code] of cases) {
    const response = await get(server.url + path);
    assert.equal(response.status, status, path);
    assert.equal(JSON.parse(response.body).error.code, code, path);
  }
  const named = JSON.parse((await get(`${server.url}/tiles/10/851/435.mvt?colour=red`)).body);
  assert.match(named.error.message, /colour/);
  assert.equal((await get(`${server.url}/tiles/0/0/0.mvt`)).status, 200, 'the world tile has the district');
  assert.equal((await get(`${server.url}/tiles/15/0/0.mvt`)).status, 204, 'an empty tile is a 204');
});
