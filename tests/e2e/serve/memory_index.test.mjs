// The memory index (core/index) against SQLite: two servers on one database,
// one building tiles from memory and one with `memory_index = false`, must
// give the same tiles, byte for byte, for every filter (and, where not, say
// which features, attributes or geometry differ); an edit must show in the
// very next tile while the index catches up.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate, get, investmap, query, sampleDatabase, startServer, tileAt, waitForMemoryIndex, workdir } from '../helpers.mjs';
import { decode, features, polygonProblems } from './mvt_checks.mjs';

// Filters covering every parameter, alone and together.
const FILTERS = [
  '', 'status=available', 'kind=factory,office', 'land_use=M1,M2', 'area_min=2000', 'area_max=5000',
  'area_min=1000&area_max=20000&kind=land', 'rent_max=30', 'power_min=400', 'available_by=2026-12-31',
  'q=ds', 'q=%E5%B7%A5%E4%B8%9A', 'industry=electronics', 'industry=logistics&min_fit=60',
  'industry=software&min_fit=1&status=available,negotiating&kind=office',
];

async function metric(server, name) {
  const text = (await get(`${server.url}/metrics`)).body.toString();
  return Number(text.match(new RegExp(`^${name} (\\d+)`, 'm'))[1]);
}

const bytesOf = new WeakMap();  // decoded tile → the bytes it came from

async function tile(server, { z, x, y }, filter, headers = {}) {
  const response = await get(`${server.url}/tiles/${z}/${x}/${y}.mvt${filter ? `?${filter}` : ''}`, headers);
  assert.ok(response.status === 200 || response.status === 204, `${z}/${x}/${y}?${filter}: ${response.status} ${response.body}`);
  if (response.status === 204) return null;
  const decoded = decode(response.body);
  bytesOf.set(decoded, response.body);
  return decoded;
}

// A layer's features keyed by id; context features, which have none, by
// layer, name and rank among their namesakes ordered by first point; heat
// grid cells by position in the layer (both paths write cells in order).
function keyed(decoded, layer) {
  const map = new Map();
  const list = features(decoded, layer).map((feature, i) =>
    ({ id: feature.id, i, properties: feature.properties, type: feature.type, rings: feature.loadGeometry() }));
  const first = (f) => f.rings[0]?.[0] ?? { x: 0, y: 0 };
  if (layer === 'context') list.sort((a, b) => first(a).x - first(b).x || first(a).y - first(b).y);
  const seen = new Map();
  for (const feature of list) {
    const name = `${feature.properties.layer}/${feature.properties.name}`;
    seen.set(name, (seen.get(name) ?? 0) + 1);
    map.set(feature.id ?? (layer === 'context' ? `${name}/${seen.get(name)}` : `cell ${feature.i}`), feature);
  }
  return map;
}

// Geometry from the two paths is computed the same way; were it ever to
// round differently, this says by how much.
function sameGeometry(a, b) {
  if (a.type !== b.type || a.rings.length !== b.rings.length) return false;
  return a.rings.every((ring, r) => ring.length === b.rings[r].length &&
    ring.every((p, i) => Math.abs(p.x - b.rings[r][i].x) <= 1 && Math.abs(p.y - b.rings[r][i].y) <= 1));
}

function compareTiles(fromMemory, fromSqlite, label) {
  assert.equal(fromMemory === null, fromSqlite === null, `${label}: one path has no tile`);
  if (!fromMemory) return { features: 0, geometryDiffers: 0 };
  let count = 0, geometryDiffers = 0;
  for (const layer of ['parcels', 'heat', 'context']) {
    const ours = keyed(fromMemory, layer), theirs = keyed(fromSqlite, layer);
    assert.deepEqual([...ours.keys()].map(String).sort(), [...theirs.keys()].map(String).sort(), `${label} ${layer}: other features`);
    for (const [key, feature] of ours) {
      const other = theirs.get(key);
      if (layer === 'heat' && feature.properties.count !== undefined) {
        // Grid cells: sums in another order differ in the last bits.
        for (const name of ['weight', 'area_m2']) {
          assert.ok(Math.abs(feature.properties[name] - other.properties[name]) <= 1e-9 * Math.max(1, other.properties[name]),
            `${label} heat cell ${key} ${name}: ${feature.properties[name]} vs ${other.properties[name]}`);
        }
        assert.equal(feature.properties.count, other.properties.count, `${label} heat cell ${key} count`);
      } else {
        assert.deepEqual(feature.properties, other.properties, `${label} ${layer} ${key}: other attributes`);
      }
      if (!sameGeometry(feature, other)) geometryDiffers++;
      count++;
    }
  }
  // Same features in the same order: the same bytes, so one ETag means one body.
  assert.ok(bytesOf.get(fromMemory).equals(bytesOf.get(fromSqlite)), `${label}: the two paths gave other bytes`);
  return { features: count, geometryDiffers };
}

function tilesAround(db, zooms) {
  const [{ west, south, east, north }] = query(db, 'SELECT min(xmin) AS west, min(ymin) AS south, max(xmax) AS east, max(ymax) AS north FROM idx_parcels_geom');
  const tiles = [];
  for (const z of zooms) {
    const a = tileAt(west, north, z), b = tileAt(east, south, z);
    for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) tiles.push({ z, x, y });
  }
  return tiles;
}

// Every n-th tile, so each zoom is sampled across the district.
const sample = (tiles, most) => tiles.filter((_, i) => i % Math.max(1, Math.ceil(tiles.length / most)) === 0);

async function twoServers(t, db) {
  const dir = workdir(t);
  const config = join(dir, 'sqlite-only.toml');
  writeFileSync(config, 'memory_index = false\n');
  const memory = await startServer(t, db);
  const sqlite = await startServer(t, db, '--config', config);
  const parcels = Number(query(db, 'SELECT count(*) AS n FROM parcels')[0].n);
  assert.equal((await waitForMemoryIndex(memory)).parcels, parcels);
  assert.match(memory.log(), new RegExp(`内存索引 memory index: ${parcels} 地块 parcels`));
  assert.equal(JSON.parse((await get(`${sqlite.url}/healthz`)).body).memory_index, null);
  assert.doesNotMatch(sqlite.log(), /memory index/);
  return { memory, sqlite };
}

test('a generated district: tiles from memory equal tiles from SQLite for every filter', async (t) => {
  const dir = workdir(t);
  const source = join(dir, 'district.gpkg');
  generate('--parcels', '4000', '--out', source, '--seed', '11');
  const db = join(dir, 'district.sqlite');
  const imported = investmap('import', source, '--db', db);
  assert.equal(imported.status, 0, imported.output);
  const { memory, sqlite } = await twoServers(t, db);

  const tiles = [...sample(tilesAround(db, [10, 11, 12, 13]), 12), ...sample(tilesAround(db, [14, 15, 16]), 30)];
  let compared = 0, differing = 0, polygons = 0;
  const before = await metric(memory, 'investmap_tiles_from_memory_total');
  for (const filter of FILTERS) {
    for (const id of tiles) {
      const label = `${id.z}/${id.x}/${id.y}?${filter}`;
      const fromMemory = await tile(memory, id, filter);
      const result = compareTiles(fromMemory, await tile(sqlite, id, filter), label);
      compared += result.features;
      differing += result.geometryDiffers;
      for (const parcel of fromMemory ? features(fromMemory, 'parcels').filter((f) => f.type === 3) : []) {
        assert.deepEqual(polygonProblems(parcel), [], `${label}: parcel ${parcel.id}`);
        polygons++;
      }
    }
  }
  const built = (await metric(memory, 'investmap_tiles_from_memory_total')) - before;
  assert.equal(built, FILTERS.length * tiles.length, 'every tile of the memory server came from the index');
  assert.equal(await metric(sqlite, 'investmap_tiles_from_memory_total'), 0);
  assert.ok(compared > 10_000 && polygons > 3_000, `too few features compared (${compared}, ${polygons} polygons)`);
  t.diagnostic(`${compared} features in ${FILTERS.length * tiles.length} tiles compared, byte for byte`);
  assert.equal(differing, 0, `${differing} of ${compared} features differ in geometry by more than a grid unit`);
});

test('staff see every status from the index too; an edit shows at once and the index catches up', async (t) => {
  const db = sampleDatabase(workdir(t));
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '测试').stdout.trim();
  const staff = { Authorization: `Bearer ${token}` };
  const { memory, sqlite } = await twoServers(t, db);
  const tiles = sample(tilesAround(db, [12, 14, 16]), 40);
  for (const id of tiles) {
    compareTiles(await tile(memory, id, '', staff), await tile(sqlite, id, '', staff), `staff ${id.z}/${id.x}/${id.y}`);
    compareTiles(await tile(memory, id, 'status=reserved', staff), await tile(sqlite, id, 'status=reserved', staff), 'staff reserved');
  }

  // Withdraw an available parcel: the next public tile must drop it, even
  // before the index is rebuilt (that tile comes from SQLite).
  const [parcel] = query(db, "SELECT code, id, (SELECT (xmin + xmax) / 2 FROM idx_parcels_geom WHERE pkid = id) AS lon, " +
    "(SELECT (ymin + ymax) / 2 FROM idx_parcels_geom WHERE pkid = id) AS lat FROM parcels WHERE status = 'available' ORDER BY code LIMIT 1");
  const where = tileAt(parcel.lon, parcel.lat, 16);
  const ids = async () => features(await tile(memory, where, ''), 'parcels').map((f) => f.id);
  assert.ok((await ids()).includes(parcel.id));
  const item = await get(`${memory.url}/api/collections/parcels/items/${parcel.code}`, staff);
  const http = await import('node:http');
  const patched = await new Promise((resolve, reject) => {
    const request = http.request(`${memory.url}/api/collections/parcels/items/${parcel.code}`, {
      method: 'PATCH', headers: { ...staff, 'If-Match': item.headers.etag, 'Content-Type': 'application/merge-patch+json' },
    }, (response) => { response.resume(); response.on('end', () => resolve(response.statusCode)); });
    request.on('error', reject);
    request.end(JSON.stringify({ status: 'withdrawn', note: '内存索引测试' }));
  });
  assert.equal(patched, 200);
  assert.ok(!(await ids()).includes(parcel.id), 'the withdrawn parcel is still in the next tile');

  // Within a few seconds the index is of the new version: tiles come from it again.
  const deadline = Date.now() + 5000;
  let fromMemory = false;
  while (!fromMemory && Date.now() < deadline) {
    const before = await metric(memory, 'investmap_tiles_from_memory_total');
    await tile(memory, tileAt(parcel.lon, parcel.lat, 17), `q=${Date.now()}`);  // a tile the cache has not seen
    fromMemory = (await metric(memory, 'investmap_tiles_from_memory_total')) > before;
    if (!fromMemory) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(fromMemory, 'the index was not rebuilt after the edit');
  assert.ok(!(await ids()).includes(parcel.id));
  const reserved = tileAt(parcel.lon, parcel.lat, 15);
  compareTiles(await tile(memory, reserved, 'status=withdrawn', staff), await tile(sqlite, reserved, 'status=withdrawn', staff), 'after the edit');
});
