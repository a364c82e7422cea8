// Static maps for slides, through the server and `investmap render`:
// decoded by pngjs, xmllint and pdftoppm, compared with a reference image.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { PNG } from 'pngjs';
import { SOURCE_DIR, fileScope, get, investmap, parcelWhere, query, sampleDatabase, startServer, workdir } from '../helpers.mjs';

const REFERENCE = join(SOURCE_DIR, 'tests/fixtures/static/sample-status-480x320.png');
const AVAILABLE = [0x2b, 0x8c, 0xbe];  // the status style's colour for 闲置可招商 (core/style/map_style.hpp)

let shared;
const hooks = fileScope();
before(async () => {
  const dir = workdir(hooks);
  const db = sampleDatabase(dir);
  query(db, "UPDATE meta SET value = '2026-11-26' WHERE key = 'data_as_of'");  // the stamp the reference image shows
  shared = { dir, db, server: await startServer(hooks, db) };
});

async function image(path) {
  const response = await get(`${shared.server.url}/static/${path}`);
  assert.equal(response.status, 200, `${path}: ${response.body}`);
  return response;
}

const pixel = (png, x, y) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
const near = (a, b, tolerance = 12) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

test('a PNG decodes at the size asked, @2x doubles it', async () => {
  const png = PNG.sync.read((await image('640x400.png')).body);
  assert.deepEqual([png.width, png.height], [640, 400]);
  const retina = PNG.sync.read((await image('320x200@2x.png?style=status')).body);
  assert.deepEqual([retina.width, retina.height], [640, 400]);
});

test('the centre pixel of an available parcel has its status colour; the legend is not blank', async () => {
  const parcel = parcelWhere(shared.db, "status = 'available' AND kind = 'land' AND ST_Contains(geom, ST_Centroid(geom)) ORDER BY area_m2 DESC");
  const png = PNG.sync.read((await image(`600x400.png?style=status&center=${parcel.lon},${parcel.lat}&zoom=17`)).body);
  assert.ok(near(pixel(png, 300, 200), AVAILABLE), `centre pixel ${pixel(png, 300, 200)} is not ${AVAILABLE}`);
  // The legend sits bottom-left: its box holds more than one colour.
  const colours = new Set();
  for (let y = 300; y < 370; y++) for (let x = 12; x < 180; x++) colours.add(pixel(png, x, y).join());
  assert.ok(colours.size > 20, `legend area has ${colours.size} colours`);
});

test('the SVG is well-formed XML whose title and legend are text, Chinese intact', async () => {
  const title = '仓山区 招商地块 <重点>';
  const response = await image(`800x500.svg?style=fit&industry=electronics&title=${encodeURIComponent(title)}`);
  assert.equal(response.headers['content-type'], 'image/svg+xml');
  const file = join(shared.dir, 'map.svg');
  writeFileSync(file, response.body);
  const lint = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
  assert.equal(lint.status, 0, lint.stderr);
  const svg = response.body.toString('utf8');
  assert.match(svg, /<title>仓山区 招商地块 &lt;重点&gt;<\/title>/);
  assert.match(svg, />仓山区 招商地块 &lt;重点&gt;<\/text>/);
  assert.match(svg, />适合度 · 电子信息<\/text>/);
  assert.match(svg, />数据截至 \d{4}-\d{2}-\d{2}/);
});

test('on a 1920-px slide the legend and the credit line grow with the image', async () => {
  const fontSize = async (size, text) => {
    const svg = (await image(`${size}.svg?style=status`)).body.toString('utf8');
    const match = svg.match(new RegExp(`font-size="([0-9.]+)"[^>]*>${text}`));
    assert.ok(match, `${text} in the ${size} SVG`);
    return Number(match[1]);
  };
  assert.equal(await fontSize('800x600', '闲置可招商'), 11);
  assert.ok(await fontSize('1920x1080', '闲置可招商') >= 20, 'legend words readable across a room');
  assert.ok(await fontSize('1920x1080', '数据截至') >= 20);
});

test('the PDF renders through pdftoppm', async () => {
  const file = join(shared.dir, 'map.pdf');
  writeFileSync(file, (await image('800x500.pdf?style=status&lang=en&title=Sites')).body);
  const out = join(shared.dir, 'page');
  const result = spawnSync('pdftoppm', ['-png', '-r', '36', '-singlefile', file, out], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const page = PNG.sync.read(readFileSync(`${out}.png`));
  assert.ok(page.width > 100 && page.height > 60);
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (text.status === 0) assert.match(text.stdout, /Sites/);
});

test('the sample district matches its reference image within a tolerance', async () => {
  const bytes = (await image('480x320.png?style=status')).body;
  if (process.env.UPDATE_REFERENCE || !existsSync(REFERENCE)) writeFileSync(REFERENCE, bytes);
  const got = PNG.sync.read(bytes);
  const want = PNG.sync.read(readFileSync(REFERENCE));
  assert.deepEqual([got.width, got.height], [want.width, want.height]);
  let total = 0;
  let far = 0;
  for (let i = 0; i < got.data.length; i += 4) {
    const d = Math.abs(got.data[i] - want.data[i]) + Math.abs(got.data[i + 1] - want.data[i + 1]) + Math.abs(got.data[i + 2] - want.data[i + 2]);
    total += d;
    if (d > 60) far += 1;
  }
  const pixels = got.data.length / 4;
  assert.ok(total / pixels < 3, `mean difference ${(total / pixels).toFixed(2)}`);
  assert.ok(far / pixels < 0.01, `${far} pixels differ strongly`);
});

test('bad sizes, styles and filters are a 400 naming the parameter', async () => {
  for (const [path, parameter] of [['0x100.png', 'size'], ['5000x100.png', 'size'], ['2049x10@2x.png', 'size'], ['100x100.gif', 'size'],
                                   ['100x100.png?style=pretty', 'style'], ['100x100.png?style=fit', 'industry'],
                                   ['100x100.png?status=sold', 'status'], ['100x100.png?bbox=1,2,3', 'bbox'], ['100x100.png?zoom=12', 'center'],
                                   ['100x100.png?center=119,26&zoom=40', 'zoom']]) {
    const response = await get(`${shared.server.url}/static/${path}`);
    assert.equal(response.status, 400, path);
    assert.match(JSON.parse(response.body).error.message, new RegExp(parameter), path);
  }
});

test('a QR code is drawn when asked, and the same picture comes from `investmap render`', async () => {
  const plain = PNG.sync.read((await image('400x300.png?style=status')).body);
  const coded = PNG.sync.read((await image('400x300.png?style=status&qr=1')).body);
  let black = 0;
  for (let i = 0; i < coded.data.length; i += 4) if (coded.data[i] < 20 && coded.data[i + 1] < 20 && coded.data[i + 2] < 20) black += 1;
  assert.ok(black > 500, `${black} black pixels`);
  assert.notDeepEqual(coded.data, plain.data);

  const out = join(shared.dir, 'cli.png');
  const result = investmap('render', '--db', shared.db, '--out', out, '--size', '480x320', '--style', 'status');
  assert.equal(result.status, 0, result.output);
  const cli = PNG.sync.read(readFileSync(out));
  const served = PNG.sync.read((await image('480x320.png?style=status')).body);
  assert.deepEqual(cli.data, served.data, 'the CLI and the server draw the same picture');
  assert.equal(investmap('render', '--db', shared.db, '--out', join(shared.dir, 'x.gif')).status, 2);
  assert.equal(investmap('render', '--db', shared.db, '--out', out, '--filters', 'status=sold').status, 2);
});

test('`investmap render --config` shows the statuses the server makes public', () => {
  const legend = (args) => {
    const out = join(shared.dir, `legend-${args.length}.svg`);
    const result = investmap('render', '--db', shared.db, '--out', out, '--size', '640x400', '--style', 'status', ...args);
    assert.equal(result.status, 0, result.output);
    return readFileSync(out, 'utf8');
  };
  const config = join(shared.dir, 'public-reserved.toml');
  writeFileSync(config, 'public_statuses = ["available", "reserved"]\n');
  assert.doesNotMatch(legend([]), /已预留/);
  const svg = legend(['--config', config]);
  assert.match(svg, /已预留/);
  assert.doesNotMatch(svg, /洽谈中/);
  const missing = investmap('render', '--db', shared.db, '--out', join(shared.dir, 'x.png'), '--config', join(shared.dir, 'none.toml'));
  assert.equal(missing.status, 2);
});
