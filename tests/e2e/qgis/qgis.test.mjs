// QGIS 3.22 (Debian's python3-qgis, headless) as the bureau's GIS staff use
// it: "Add OGC API – Features layer" opens the parcels (every public parcel,
// their fields, a status filter honoured); the status and fit styles convert
// without a warning, and a vector tile connection with their style URL draws
// parcels in their legend colours.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ARTIFACTS, SOURCE_DIR, fileScope, get, investmap, query, sampleDatabase, startServer, workdir } from '../helpers.mjs';

// Debian's interpreter: python3-qgis is installed for it, not for another python3 on the PATH.
const PYTHON = process.env.INVESTMAP_QGIS_PYTHON ?? '/usr/bin/python3';
const CLIENT = join(SOURCE_DIR, 'tests/e2e/qgis/qgis_client.py');
const PUBLIC = "status IN ('available', 'negotiating')";

function qgis(...args) {
  const result = spawnSync(PYTHON, [CLIENT, ...args], {
    encoding: 'utf8', timeout: 120_000, env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
  });
  assert.equal(result.status, 0, `qgis_client ${args[0]}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

let shared;
const scope = fileScope();
before(async () => {
  const db = sampleDatabase(workdir(scope));
  mkdirSync(ARTIFACTS, { recursive: true });
  shared = { db, server: await startServer(scope, db) };
});

async function json(url) {
  const response = await get(url);
  assert.equal(response.status, 200, url);
  return JSON.parse(response.body.toString());
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const blend = (top, under, alpha) => rgb(top).map((c, i) => c * alpha + rgb(under)[i] * (1 - alpha));
const distance = (a, b) => Math.max(...a.map((c, i) => Math.abs(c - b[i])));

// Inside a convex parcel its vertices' mean is inside; checked, not assumed.
function interiorPoint(geometry) {
  const ring = (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates[0])[0].slice(0, -1);
  const point = [0, 1].map((axis) => ring.reduce((sum, vertex) => sum + vertex[axis], 0) / ring.length);
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > point[1]) !== (yj > point[1]) && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? point : null;
}

// The colours a parcel of `colour` may show at `opacity`: over the
// background or a park (the parcels lie in parks), as the style has them.
function expectedColours(style, colour, opacity) {
  const layer = (id) => style.layers.find((l) => l.id === id);
  const under = [layer('background').paint['background-color'], layer('context-parks').paint['fill-color']];
  return under.map((u) => blend(colour, u, opacity));
}

// QGIS draws the parcel's inside in its own legend colour, nearer to it than
// to any other legend colour. `draw(lon, lat)` renders around the point.
async function assertDrawnIn(draw, styleUrl, opacity, feature, colour, legendColours, name) {
  const [lon, lat] = interiorPoint(feature.geometry) ?? assert.fail(`${feature.id}: no interior point`);
  const drawn = draw(lon, lat);
  assert.deepEqual(drawn.errors, []);
  const style = await json(styleUrl);
  const got = rgb(drawn.centre);
  const nearest = (c) => Math.min(...expectedColours(style, c, opacity).map((e) => distance(e, got)));
  assert.ok(nearest(colour) <= 8, `${name}: ${feature.id} drawn ${drawn.centre}, expected ${colour} at opacity ${opacity}`);
  for (const other of legendColours.filter((c) => c !== colour)) {
    assert.ok(nearest(other) > nearest(colour), `${name}: ${drawn.centre} is nearer ${other} than ${colour}`);
  }
}

// A vector tile connection with the style URL, drawn as QGIS's style converter made it.
async function assertConnectionDraws(tileUrl, styleUrl, feature, colour, legendColours, name) {
  const style = await json(styleUrl);
  const opacity = style.layers.find((l) => l.id === 'parcels-fill').paint['fill-opacity'].at(-1);
  const draw = (lon, lat) => {
    const drawn = qgis('render', tileUrl, styleUrl, String(lon), String(lat), '60', join(ARTIFACTS, `${name}.png`));
    assert.ok(drawn.valid && drawn.style_loaded, JSON.stringify(drawn));
    return drawn;
  };
  await assertDrawnIn(draw, styleUrl, opacity, feature, colour, legendColours, name);
}

test('"Add OGC API – Features layer" opens the parcels: every public parcel, their fields, a status filter', async () => {
  const { db, server } = shared;
  const layer = qgis('oapif', `${server.url}/api`, "\"status\" = 'negotiating'");
  assert.ok(layer.valid, layer.error);
  assert.equal(layer.count, query(db, `SELECT count(*) AS n FROM parcels WHERE ${PUBLIC}`)[0].n);
  for (const field of ['code', 'name', 'kind', 'status', 'area_m2', 'land_use', 'park']) assert.ok(layer.fields.includes(field), field);
  assert.ok(layer.subset_accepted);
  const negotiating = query(db, "SELECT code FROM parcels WHERE status = 'negotiating' ORDER BY code").map((row) => row.code);
  assert.ok(negotiating.length > 0);
  assert.deepEqual(layer.subset_codes, negotiating);
});

test('QGIS converts the status and fit styles without a warning', async () => {
  const { server } = shared;
  for (const style of ['status.json', 'status.json?lang=en', 'fit.json?industry=electronics', 'fit.json?industry=logistics&min_fit=40']) {
    const converted = qgis('convert', `${server.url}/styles/${style}`);
    assert.equal(converted.status, 0, converted.error);
    assert.deepEqual(converted.warnings, [], style);
    for (const layer of ['parcels-fill', 'parcels-points', 'parcel-locations', 'context-parks']) assert.ok(converted.styles.includes(layer), `${style}: ${layer}`);
  }
});

test('QGIS draws parcels in their status colours with the status style', async () => {
  const { server } = shared;
  const vocabulary = await json(`${server.url}/api/vocabulary`);
  const colours = vocabulary.statuses.map((status) => status.color);
  const tiles = (await json(`${server.url}/tiles.json`)).tiles[0];
  for (const status of ['available', 'negotiating']) {
    const page = await json(`${server.url}/api/collections/parcels/items?status=${status}&kind=land&sortby=-area_m2&limit=1`);
    const colour = vocabulary.statuses.find((s) => s.code === status).color;
    await assertConnectionDraws(tiles, `${server.url}/styles/status.json`, page.features[0], colour, colours, `qgis-status-${status}`);
  }
});

test('QGIS draws parcels in their fit band colours with the fit style', async () => {
  const { server } = shared;
  const vocabulary = await json(`${server.url}/api/vocabulary`);
  const bands = vocabulary.fit_bands;
  const band = (fit) => bands.find((b) => fit >= b.low && fit <= b.high);
  const tiles = (await json(`${server.url}/tiles.json?industry=electronics`)).tiles[0];
  assert.match(tiles, /industry=electronics/);
  const page = await json(`${server.url}/api/collections/parcels/items?industry=electronics&kind=land,factory&sortby=-fit&limit=10000`);
  const best = page.features[0];
  const other = page.features.find((feature) => band(feature.properties.fit) !== band(best.properties.fit) && interiorPoint(feature.geometry));
  assert.ok(other, 'the sample has parcels in two fit bands');
  for (const [feature, name] of [[best, 'best'], [other, 'other']]) {
    await assertConnectionDraws(tiles, `${server.url}/styles/fit.json?industry=electronics`, feature, band(feature.properties.fit).color,
                                bands.map((b) => b.color), `qgis-fit-${name}`);
  }
});

test('`investmap export qgis-project` writes a project QGIS opens on the district with both layers styled', async () => {
  const { db, server } = shared;
  const vocabulary = await json(`${server.url}/api/vocabulary`);
  const dir = workdir(scope);
  const PROJECT_OPACITY = 0.8;  // the parcels' fill in core/export/qgis_project.cpp
  const open = (project, name) => (lon, lat) => {
    const opened = qgis('project', project, String(lon), String(lat), '60', join(ARTIFACTS, `${name}.png`));
    assert.ok(opened.read, opened.error);
    return opened;
  };

  const statusProject = join(dir, 'status.qgs');
  const written = investmap('export', 'qgis-project', statusProject, '--db', db, '--url', server.url);
  assert.equal(written.status, 0, written.stderr);
  const available = (await json(`${server.url}/api/collections/parcels/items?status=available&kind=land&sortby=-area_m2&limit=1`)).features[0];
  const [lon, lat] = interiorPoint(available.geometry);
  const opened = open(statusProject, 'qgis-project-status')(lon, lat);
  assert.equal(opened.crs, 'EPSG:3857');
  assert.deepEqual(opened.layers.map((layer) => [layer.provider, layer.valid]), [['OAPIF', true], ['vectortile', true]]);
  assert.equal(opened.layers[0].count, query(db, `SELECT count(*) AS n FROM parcels WHERE ${PUBLIC}`)[0].n);
  assert.ok(opened.layers[1].styles.includes('闲置可招商') && opened.layers[1].styles.includes('洽谈中'), opened.layers[1].styles.join());
  const extent = query(db, `SELECT min(MbrMinX(geom)) AS w, min(MbrMinY(geom)) AS s, max(MbrMaxX(geom)) AS e, max(MbrMaxY(geom)) AS n FROM parcels WHERE ${PUBLIC}`)[0];
  const [w, s, e, n] = opened.view;
  assert.ok(w <= extent.w && s <= extent.s && e >= extent.e && n >= extent.n, `the project opens on the parcels: ${opened.view} vs ${JSON.stringify(extent)}`);
  const statusColours = vocabulary.statuses.map((status) => status.color);
  for (const status of ['available', 'negotiating']) {
    const feature = (await json(`${server.url}/api/collections/parcels/items?status=${status}&kind=land&sortby=-area_m2&limit=1`)).features[0];
    await assertDrawnIn(open(statusProject, `qgis-project-${status}`), `${server.url}/styles/status.json`, PROJECT_OPACITY, feature,
                        vocabulary.statuses.find((s) => s.code === status).color, statusColours, `project ${status}`);
  }

  const fitProject = join(dir, 'fit.qgs');
  const fitWritten = investmap('export', 'qgis-project', fitProject, '--db', db, '--url', server.url, '--filters', 'industry=electronics', '--lang', 'en');
  assert.equal(fitWritten.status, 0, fitWritten.stderr);
  const bands = vocabulary.fit_bands;
  const best = (await json(`${server.url}/api/collections/parcels/items?industry=electronics&kind=land&sortby=-fit&limit=1`)).features[0];
  const band = bands.find((b) => best.properties.fit >= b.low && best.properties.fit <= b.high);
  await assertDrawnIn(open(fitProject, 'qgis-project-fit'), `${server.url}/styles/fit.json?industry=electronics`, PROJECT_OPACITY, best,
                      band.color, bands.map((b) => b.color), 'project fit');

  const refused = investmap('export', 'qgis-project', join(dir, 'x.qgs'), '--db', db, '--url', 'ftp://example.org');
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--url/);
});
