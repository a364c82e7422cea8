// OGC API – Features: GeoJSON checked by @placemarkio/check-geojson and
// read by GDAL's OAPIF driver; paging by `next` links; filters and bbox.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { getIssues } from '@placemarkio/check-geojson';
import { get, query, sampleDatabase, startServer, workdir } from '../helpers.mjs';

const PUBLIC = "status IN ('available', 'negotiating')";

// Twice the signed area by the shoelace formula: > 0 is counter-clockwise.
const ringArea = (ring) => ring.slice(1).reduce((sum, [x, y], i) => sum + ring[i][0] * y - x * ring[i][1], 0);

function assertRfc7946(text, label) {
  assert.deepEqual(getIssues(text), [], `${label}: check-geojson`);
  const document = JSON.parse(text);
  for (const feature of document.features ?? [document]) {
    const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates]
      : feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates : [];
    for (const [outer, ...holes] of polygons) {
      assert.ok(ringArea(outer) > 0, `${feature.id}: exterior ring counter-clockwise`);
      for (const hole of holes) assert.ok(ringArea(hole) < 0, `${feature.id}: hole clockwise`);
    }
  }
  return document;
}

test('paging through the items by their next links returns every visible parcel once', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const expected = query(db, `SELECT code FROM parcels WHERE ${PUBLIC} ORDER BY code`).map((r) => r.code);
  let url = `${server.url}/api/collections/parcels/items?limit=70`;
  const seen = [];
  let pages = 0;
  while (url) {
    const response = await get(url);
    assert.equal(response.status, 200, url);
    assert.equal(response.headers['content-type'], 'application/geo+json');
    const page = assertRfc7946(response.body.toString(), url);
    assert.equal(page.numberMatched, expected.length);
    assert.equal(page.numberReturned, page.features.length);
    seen.push(...page.features.map((f) => f.id));
    url = page.links.find((l) => l.rel === 'next')?.href;
    pages += 1;
  }
  assert.equal(pages, Math.ceil(expected.length / 70));
  assert.deepEqual(seen.sort(), expected);
});

test('filters and bbox narrow the items; staff-only fields never show', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const land = JSON.parse((await get(`${server.url}/api/collections/parcels/items?kind=land&limit=1000`)).body);
  assert.equal(land.numberMatched, query(db, `SELECT count(*) AS n FROM parcels WHERE ${PUBLIC} AND kind = 'land'`)[0].n);
  assert.ok(land.features.every((f) => f.properties.kind === 'land'));
  for (const hidden of ['owner', 'counterparty', 'notes']) assert.ok(!(hidden in land.features[0].properties), hidden);

  const bbox = [119.25, 26.0, 119.27, 26.02];
  const boxed = JSON.parse((await get(`${server.url}/api/collections/parcels/items?bbox=${bbox}&limit=1000`)).body);
  const inBox = query(db, `SELECT count(*) AS n FROM parcels WHERE ${PUBLIC} AND ST_Intersects(geom, BuildMbr(${bbox}, 4326))`)[0].n;
  assert.equal(boxed.numberMatched, inBox);
  assert.ok(inBox > 0 && inBox < land.numberMatched + 1000);
});

test('one item by code; a parcel the public may not see is a 404', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const [visible] = query(db, `SELECT code, name FROM parcels WHERE ${PUBLIC} LIMIT 1`);
  const response = await get(`${server.url}/api/collections/parcels/items/${visible.code}`);
  assert.equal(response.status, 200);
  const feature = assertRfc7946(response.body.toString(), visible.code);
  assert.equal(feature.id, visible.code);
  assert.equal(feature.properties.name, visible.name);
  assert.equal((await get(`${server.url}/api/collections/parcels/items/${visible.code}`, { 'If-None-Match': response.headers.etag })).status, 304);
  const [hidden] = query(db, "SELECT code FROM parcels WHERE status = 'reserved' LIMIT 1");
  assert.equal((await get(`${server.url}/api/collections/parcels/items/${hidden.code}`)).status, 404);
  assert.equal((await get(`${server.url}/api/collections/parcels/items/NO-SUCH`)).status, 404);
});

test('bad item queries are 400s naming the parameter', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  for (const q of ['limit=0', 'limit=10001', 'limit=ten', 'offset=-1', 'bbox=1,2,3', 'bbox=120,26,119,27', 'bbox=a,b,c,d', 'f=xml', 'colour=red']) {
    const response = await get(`${server.url}/api/collections/parcels/items?${q}`);
    assert.equal(response.status, 400, q);
    assert.match(JSON.parse(response.body).error.message, new RegExp(q.split('=')[0]), q);
  }
});

test("GDAL's OAPIF driver reads the collection", async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  for (const path of ['/api', '/api/conformance', '/api/collections', '/api/collections/parcels']) {
    assert.equal((await get(server.url + path)).status, 200, path);
  }
  const info = spawnSync('ogrinfo', ['-ro', '-so', `OAPIF:${server.url}/api`, 'parcels'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(info.status, 0, info.stderr);
  const count = Number(info.stdout.match(/Feature Count: (\d+)/)[1]);
  assert.equal(count, query(db, `SELECT count(*) AS n FROM parcels WHERE ${PUBLIC}`)[0].n);
  const all = spawnSync('ogrinfo', ['-ro', '-al', '-q', `OAPIF:${server.url}/api`, 'parcels'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(all.status, 0, all.stderr);
  assert.equal((all.stdout.match(/OGRFeature\(parcels\)/g) ?? []).length, count, 'every feature read through the pages');
});
