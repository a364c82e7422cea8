// Industry fit end to end: the min_fit filter, heat conservation, the
// profiles reloaded while serving, styles checked by gl-style-validate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { SOURCE_DIR, get, investmap, query, sampleDatabase, startServer, workdir } from '../helpers.mjs';
import { decode, features } from './mvt_checks.mjs';

const require = createRequire(import.meta.url);
const STYLE_VALIDATE = join(require.resolve('@maplibre/maplibre-gl-style-spec/package.json'), '..', 'dist', 'gl-style-validate.mjs');
const PROFILES = join(SOURCE_DIR, 'data', 'industries.toml');

async function json(url) {
  const response = await get(url);
  assert.equal(response.status, 200, `${url}: ${response.body}`);
  return JSON.parse(response.body);
}

async function allItems(server, query) {
  const page = await json(`${server.url}/api/collections/parcels/items?limit=10000&${query}`);
  assert.equal(page.numberReturned, page.numberMatched);
  return page.features;
}

const availableArea = (feature) => feature.properties.area_m2 ?? feature.properties.floor_area_m2 ?? 0;

// Every tile at zoom z over the collection's extent.
async function tilesOver(server, z) {
  const { extent } = await json(`${server.url}/api/collections/parcels`);
  const [west, south, east, north] = extent.spatial.bbox[0];
  const n = 2 ** z;
  const column = (lon) => Math.floor(((lon + 180) / 360) * n);
  const row = (lat) => {
    const rad = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  };
  const tiles = [];
  for (let x = column(west); x <= column(east); x++) {
    for (let y = row(north); y <= row(south); y++) tiles.push({ z, x, y });
  }
  return tiles;
}

async function heatTotals(server, z, filter) {
  let weight = 0;
  let count = 0;
  let bestFit = null;
  for (const { x, y } of await tilesOver(server, z)) {
    const response = await get(`${server.url}/tiles/${z}/${x}/${y}.mvt?${filter}`);
    if (response.status === 204) continue;
    for (const cell of features(decode(response.body), 'heat')) {
      weight += cell.properties.weight;
      count += cell.properties.count ?? 1;
      if (cell.properties.fit !== undefined) bestFit = Math.max(bestFit ?? 0, cell.properties.fit);
    }
  }
  return { weight, count, bestFit };
}

test('industry and min_fit return exactly the parcels scoring at least min_fit', async (t) => {
  const dir = workdir(t);
  const server = await startServer(t, sampleDatabase(dir));
  const scored = await allItems(server, 'industry=electronics');
  assert.ok(scored.length > 100);
  assert.ok(scored.every((f) => Number.isInteger(f.properties.fit) && f.properties.fit >= 0 && f.properties.fit <= 100));
  for (const minFit of [1, 60, 80]) {
    const expected = scored.filter((f) => f.properties.fit >= minFit).map((f) => f.id).sort();
    const got = (await allItems(server, `industry=electronics&min_fit=${minFit}`)).map((f) => f.id).sort();
    assert.deepEqual(got, expected, `min_fit=${minFit}`);
    const stats = await json(`${server.url}/api/stats?industry=electronics&min_fit=${minFit}`);
    assert.equal(stats.total.count, expected.length);
  }
  // The stats' fit bands add up to the total, every band listed.
  const stats = await json(`${server.url}/api/stats?industry=electronics`);
  assert.equal(stats.by_fit_band.length, 5);
  assert.equal(stats.by_fit_band.reduce((sum, band) => sum + band.count, 0), stats.total.count);
  assert.ok(Math.abs(stats.total.area_mu - stats.total.area_m2 * 0.0015) < 1e-6);
  // An office never fits logistics (the profile lists land and factories only).
  const offices = await allItems(server, 'industry=logistics&kind=office&min_fit=1');
  assert.equal(offices.length, 0);
});

test('a parcel explains its fit in Chinese and English', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const [first] = await allItems(server, 'industry=electronics&min_fit=1&kind=factory');
  const item = await json(`${server.url}/api/collections/parcels/items/${first.id}?industry=electronics`);
  assert.equal(item.properties.fit, first.properties.fit);
  assert.ok(item.properties.fit_reasons.length >= 3);
  for (const reason of item.properties.fit_reasons) {
    assert.match(reason.zh, /[\u4e00-\u9fff]/);
    assert.match(reason.en, /^[ -~²–·]+$/);
    assert.equal(typeof reason.met, 'boolean');
  }
  const bad = await get(`${server.url}/api/collections/parcels/items/${first.id}?industry=textiles`);
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.body).error.message, /electronics, new_materials/);
});

test('heat weights are conserved by aggregation: cells sum to area × fit/100 over the parcels', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  for (const filter of ['', 'industry=biomedicine', 'industry=logistics&kind=land']) {
    const parcels = await allItems(server, filter);
    const fitOf = (f) => (filter.includes('industry') ? f.properties.fit : 100);
    const expected = parcels.reduce((sum, f) => sum + (availableArea(f) * fitOf(f)) / 100, 0);
    const aggregated = await heatTotals(server, 11, filter);  // below the parcel zoom: grid cells
    assert.equal(aggregated.count, parcels.length, `every parcel counted once (${filter})`);
    assert.ok(Math.abs(aggregated.weight - expected) <= 1e-6 * expected, `${filter}: ${aggregated.weight} vs ${expected}`);
    // With an industry each cell carries its best fit (the fit map colours cells by it); without, none.
    const best = filter.includes('industry') ? Math.max(...parcels.map(fitOf)) : null;
    assert.equal(aggregated.bestFit, best, `${filter}: the best fit of the cells`);
  }
});

test('tiles carry fit with an industry, and min_fit filters them', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const { x, y } = (await tilesOver(server, 13))[0];
  let seen = 0;
  for (const tile of await tilesOver(server, 13)) {
    const response = await get(`${server.url}/tiles/13/${tile.x}/${tile.y}.mvt?industry=smart_manufacturing&min_fit=60`);
    if (response.status === 204) continue;
    for (const parcel of features(decode(response.body), 'parcels')) {
      assert.ok(parcel.properties.fit >= 60, `${parcel.properties.code} fit ${parcel.properties.fit}`);
      seen += 1;
    }
  }
  assert.ok(seen > 0, `some parcel fits (first tile ${x}/${y})`);
});

test('styles validate with gl-style-validate and carry filters and legend', async (t) => {
  const dir = workdir(t);
  const server = await startServer(t, sampleDatabase(dir));
  const cases = ['heat.json', 'heat.json?industry=electronics&lang=en', 'status.json?kind=factory,land', 'status.json?lang=en',
                 'fit.json?industry=youth_venues&min_fit=40', 'fit.json?industry=logistics&lang=en'];
  for (const path of cases) {
    const style = await json(`${server.url}/styles/${path}`);
    const file = join(dir, 'style.json');
    writeFileSync(file, JSON.stringify(style));
    const validation = spawnSync(process.execPath, [STYLE_VALIDATE, file], { encoding: 'utf8' });
    assert.equal(validation.status, 0, `${path}: ${validation.stdout}${validation.stderr}`);
    const tilejson = style.sources.investmap.url;
    const filters = new URLSearchParams(path.split('?')[1] ?? '');
    filters.delete('lang');
    for (const [name, value] of filters) assert.ok(new URL(tilejson).searchParams.get(name) === value, `${path}: ${tilejson}`);
    const legend = style.metadata['investmap:legend'];
    assert.ok(legend.length >= 1 && legend.every((section) => section.title && section.items.length > 0));
    const english = path.includes('lang=en');
    assert.equal(/[\u4e00-\u9fff]/.test(legend[0].title), !english, `${path}: ${legend[0].title}`);
    const tiles = await json(tilejson);
    const tileQuery = new URL(tiles.tiles[0].replace('{z}/{x}/{y}', '0/0/0')).searchParams;
    for (const [name, value] of filters) assert.equal(tileQuery.get(name), value, `${path}: ${tiles.tiles[0]}`);
  }
  assert.equal((await get(`${server.url}/styles/fit.json`)).status, 400);
  assert.equal((await get(`${server.url}/styles/heat.json?lang=fr`)).status, 400);
  assert.equal((await get(`${server.url}/styles/pretty.json`)).status, 404);
});

test('the heat ramp is scaled to the filter, so choosing an industry and a minimum fit keeps the heat visible', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const top = async (query) => {
    const style = await json(`${server.url}/styles/heat.json${query}`);
    return style.layers.find((layer) => layer.id === 'heat').paint['heatmap-weight'][7];
  };
  const parcels = await allItems(server, 'industry=biomedicine&min_fit=80');
  assert.ok(parcels.length > 0);
  const heaviest = Math.max(...parcels.map((f) => (availableArea(f) * f.properties.fit) / 100));
  const narrow = await top('?industry=biomedicine&min_fit=80');
  assert.ok(Math.abs(narrow - (Math.log1p(heaviest) + Math.log(4))) < 1e-9, `${narrow} for the heaviest ${heaviest}`);
  assert.ok(narrow <= await top(''), 'a narrower filter never needs a longer ramp');
});

test('/api/industries lists the profiles with their requirements in words', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const { industries } = await json(`${server.url}/api/industries`);
  assert.ok(industries.length >= 7);
  for (const industry of industries) {
    assert.match(industry.color, /^#[0-9a-f]{6}$/);
    assert.ok(industry.name_zh && industry.name_en);
    assert.ok(industry.requirements.every((line) => line.zh && line.en));
  }
});

test('edited profiles are applied while serving; a bad edit keeps the old ones; SIGHUP reloads', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const profiles = join(dir, 'industries.toml');
  copyFileSync(PROFILES, profiles);
  const server = await startServer(t, db, '--industries', profiles);
  const fitOf = async (code) => (await json(`${server.url}/api/collections/parcels/items/${code}?industry=electronics`)).properties.fit;
  const [parcel] = await allItems(server, 'industry=electronics&min_fit=50&kind=factory');
  const before = parcel.properties.fit;

  // A far higher power requirement lowers the score within a couple of seconds.
  const original = readFileSync(profiles, 'utf8');
  writeFileSync(profiles, original.replace('power_min_kva = 1000', 'power_min_kva = 100000'));
  const deadline = Date.now() + 8000;
  while ((await fitOf(parcel.id)) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const lowered = await fitOf(parcel.id);
  assert.ok(lowered < before, `fit ${before} → ${lowered}`);
  assert.equal(Number(query(db, "SELECT value FROM meta WHERE key = 'industries'").length), 1);

  // A broken file is reported and changes nothing.
  writeFileSync(profiles, original.replace('id = "logistics"', 'id = "Logistics!"'));
  const logged = Date.now() + 8000;
  while (!server.log().includes('industry profiles not reloaded') && Date.now() < logged) await new Promise((r) => setTimeout(r, 200));
  assert.match(server.log(), /industry profiles not reloaded[\s\S]*industries.toml:\d+/);
  assert.equal(await fitOf(parcel.id), lowered);

  // SIGHUP reads the file even when its time did not change.
  const { mtime } = statSync(profiles);
  writeFileSync(profiles, original + '\n[[industry]]\nid = "textiles"\nname_zh = "纺织"\nname_en = "Textiles"\ncolor = "#aa0000"\nkinds = { factory = 1 }\n');
  utimesSync(profiles, mtime, mtime);
  server.child.kill('SIGHUP');
  const reloaded = Date.now() + 8000;
  let ids = [];
  while (!ids.includes('textiles') && Date.now() < reloaded) {
    ids = (await json(`${server.url}/api/industries`)).industries.map((i) => i.id);
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(ids.includes('textiles'), ids.join());
  assert.equal(await fitOf(parcel.id), before);
});

test('a bad profiles file stops start-up with its line', (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const profiles = join(dir, 'industries.toml');
  writeFileSync(profiles, readFileSync(PROFILES, 'utf8').replace('area_m2 = [2000, 40000]', 'area_m2 = [40000, 2000]'));
  const result = investmap('serve', '--db', db, '--listen', '127.0.0.1:0', '--industries', profiles);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /industries\.toml:\d+：area_m2 范围颠倒/);
  assert.match(result.stderr, /wrong way round/);
});

test('an import scores the parcels it changes with the profiles the server used', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const scoreOf = () => query(db, "SELECT score FROM parcel_fit JOIN parcels ON id = parcel_id WHERE code = 'CS-000002' AND industry = 'new_materials'")[0]?.score;
  assert.equal(scoreOf(), undefined, 'no profiles yet: nothing scored');
  assert.equal(investmap('import', join(SOURCE_DIR, 'data', 'sample', 'parcels.geojson'), '--db', db, '--industries', PROFILES).status, 0);
  const before = scoreOf();
  assert.ok(before > 0);
  // CS-000002 is land with 2000 kVA; cut its power to 125 kVA.
  const source = JSON.parse(readFileSync(join(SOURCE_DIR, 'data', 'sample', 'parcels.geojson'), 'utf8'));
  const feature = source.features.find((f) => f.properties['地块编号'] === 'CS-000002');
  feature.properties['电力容量'] = 125;
  const changed = join(dir, 'changed.geojson');
  writeFileSync(changed, JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
  assert.equal(investmap('import', changed, '--db', db).status, 0);
  assert.ok(scoreOf() < before, `${before} → ${scoreOf()}`);
});
