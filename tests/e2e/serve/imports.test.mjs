// POST /api/imports against the real server (issue 21): a dry run answers
// the summary with grouped rejections and a preview and writes nothing; the
// import itself runs the same importer, attributed to the token's name, and
// the next tile has the parcels. Hostile uploads — no token, a zip bomb, a
// 10 000-entry zip, a file over import_max_mb, a truncated file — each get a
// clear error and leave the database byte-for-byte as it was.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { investmap, ogr2ogr, query, sampleDatabase, send, sha256, startServer, tileAt, workdir, writeGeoJSON, squareFeature, get } from '../helpers.mjs';
import { decode, features } from './mvt_checks.mjs';

const SHEET = ['编号,名称,类型,状态,坐标', 'U-1,城门厂房,厂房,搁置,"119.350,25.990"', 'U-2,建新厂房,厂房,闲置,"119.270,26.050"'].join('\n') + '\n';

function staffServer(t, ...args) {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '王五').stdout.trim();
  return startServer(t, db, ...args).then((server) => ({ dir, db, token, server }));
}

function upload(server, token, query, body) {
  const headers = { 'Content-Type': 'application/octet-stream' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return send(`${server.url}/api/imports?${query}`, { method: 'POST', headers, body });
}

const json = (response) => JSON.parse(response.body.toString());

// Zips made by Python's zipfile (the test's own tool, not ours).
function zip(file, entries) {
  const script = `import sys, zipfile, json
entries = json.load(sys.stdin)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for name, spec in entries.items():
        if isinstance(spec, dict): z.writestr(name, b'\\0' * spec['zeros'])
        elif spec.startswith('@'): z.write(spec[1:], name)
        else: z.writestr(name, spec)`;
  const result = spawnSync('python3', ['-c', script, file], { input: JSON.stringify(entries) });
  assert.equal(result.status, 0, String(result.stderr));
  return readFileSync(file);
}

test('a dry run answers counts, grouped rejections, mapping lines and a preview, and writes nothing', async (t) => {
  const { db, token, server } = await staffServer(t);
  const before = sha256(db);
  const response = await upload(server, token, `filename=${encodeURIComponent('闲置厂房.csv')}&dry_run=1`, Buffer.from(SHEET));
  assert.equal(response.status, 200, response.body.toString());
  const summary = json(response);
  // Nothing would be written (a row is rejected); the preview shows what --skip-rejected would write.
  assert.deepEqual(summary.counts, { read: 2, inserted: 0, updated: 0, unchanged: 0, repaired: 0, rejected: 1, unlocated: 0 });
  assert.equal(summary.written, false);
  assert.deepEqual(summary.rejections.map((r) => [r.field, r.label, r.count, r.features]), [['status', '搁置', 1, [1]]]);
  assert.match(summary.rejections[0].reason_en, /unknown status '搁置'/);
  assert.match(summary.mapping_lines, /\[values\.status\]\n"搁置" = ""/);
  assert.ok(summary.notes.some((note) => /--s-srs GCJ02/.test(note)));
  assert.match(summary.log, /读取 reading 闲置厂房\.csv/, 'messages name the upload, not a server path');
  assert.doesNotMatch(response.body.toString(), /\.import-|upload\.csv/);
  assert.deepEqual(summary.preview.features.map((f) => [f.id, f.geometry.type]), [['U-2', 'Point']]);
  assert.equal(sha256(db), before);
});

test('the import writes as the token, refuses all-or-nothing by default, and the next tile has the parcel', async (t) => {
  const { db, token, server } = await staffServer(t);
  const before = sha256(db);
  const refused = await upload(server, token, 'filename=a.csv', Buffer.from(SHEET));
  assert.equal(refused.status, 422);
  assert.equal(json(refused).refused, true);
  assert.equal(sha256(db), before);

  const written = await upload(server, token, 'filename=a.csv&skip_rejected=1', Buffer.from(SHEET));
  assert.equal(written.status, 200, written.body.toString());
  assert.equal(json(written).written, true);
  assert.deepEqual(query(db, "SELECT actor, note FROM audit_events WHERE parcel_code = 'U-2'"), [{ actor: '王五', note: 'a.csv' }]);
  const { z, x, y } = tileAt(119.27, 26.05, 15);
  const tile = await get(`${server.url}/tiles/${z}/${x}/${y}.mvt`);
  assert.ok(features(decode(tile.body), 'parcels').some((f) => f.properties.code === 'U-2'), 'the public tile has the new parcel');
});

test('a zipped GBK Shapefile in a Gauss-Krüger zone imports with encoding and s_srs', async (t) => {
  const { dir, db, token, server } = await staffServer(t);
  writeGeoJSON(join(dir, 'src.geojson'), [squareFeature({ 地块编号: 'Z-1', 名称: '盖山地块', 类型: '土地', 状态: '闲置' }, 119.30, 26.02)]);
  ogr2ogr('-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4549', '-lco', 'ENCODING=CP936', join(dir, 'gbk.shp'), join(dir, 'src.geojson'));
  const body = zip(join(dir, 'gbk.zip'), Object.fromEntries(['shp', 'shx', 'dbf', 'prj'].map((ext) => [`盖山/gbk.${ext}`, `@${join(dir, `gbk.${ext}`)}`])));
  const response = await upload(server, token, 'filename=gbk.zip&encoding=GBK', body);
  assert.equal(response.status, 200, response.body.toString());
  assert.equal(query(db, "SELECT name FROM parcels WHERE code = 'Z-1'")[0].name, '盖山地块');
});

test('no token, a zip bomb, a 10 000-entry zip, a file over import_max_mb and a truncated file leave the database as it was', async (t) => {
  const { dir, db, token, server } = await staffServer(t);
  writeFileSync(join(dir, 'small.toml'), 'import_max_mb = 1\n');
  const capped = await startServer(t, db, '--config', join(dir, 'small.toml'));
  const before = sha256(db);
  const refusals = [
    [await upload(server, null, 'filename=a.csv', Buffer.from(SHEET)), 401, /token/],
    [await upload(server, token, 'filename=bomb.zip', zip(join(dir, 'bomb.zip'), { 'a.csv': { zeros: 200 << 20 } })), 422, /unpack to more than \d+ MB/],
    [await upload(server, token, 'filename=many.zip', zip(join(dir, 'many.zip'), Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`f${i}.txt`, 'x'])))), 422, /more than 1000 entries/],
    [await upload(capped, token, 'filename=big.csv', Buffer.alloc(2 << 20, 0x41)), 413, /too large/],
    // Past the 100 MB photo and video limit, within import_max_mb (200): read, then found not to be a zip.
    [await upload(server, token, 'filename=big.zip', randomBytes(110 << 20)), 422, /damaged/],
    [await upload(server, token, 'filename=cut.zip', zip(join(dir, 'cut.zip'), { 'a.csv': SHEET.repeat(200) }).subarray(0, 300)), 422, /damaged/],
    [await upload(server, token, 'filename=cut.xlsx', Buffer.from('PK\u0003\u0004 not really')), 422, /damaged|cannot read/],
    [await upload(server, token, 'filename=../etc/passwd.csv', Buffer.from(SHEET)), 400, /plain file name/],
    [await upload(server, token, 'filename=a.exe', Buffer.from(SHEET)), 400, /unsupported file type/],
    [await upload(server, token, 'filename=a.csv&s_srs=EPSG:9999999', Buffer.from(SHEET)), 400, /EPSG code/],
    [await upload(server, token, 'filename=a.csv&s_srs=EPSG:999999', Buffer.from(SHEET)), 400, /unrecognised CRS/],
    [await upload(server, token, `filename=a.csv&s_srs=${encodeURIComponent('/etc/passwd')}`, Buffer.from(SHEET)), 400, /names no file or URL/],
    [await upload(server, token, `filename=a.csv&s_srs=${encodeURIComponent('http://169.254.169.254/crs')}`, Buffer.from(SHEET)), 400, /names no file or URL/],
    [await upload(server, token, `filename=a.csv&s_srs=${encodeURIComponent('+proj=longlat +nadgrids=/etc/shadow')}`, Buffer.from(SHEET)), 400, /names no file or URL/],
    [await upload(server, token, 'filename=a.csv', Buffer.alloc(0)), 400, /empty/],
  ];
  for (const [response, status, pattern] of refusals) {
    assert.equal(response.status, status, response.body.toString());
    assert.match(json(response).error.message, pattern);
  }
  assert.equal(sha256(db), before);
  const health = await get(`${server.url}/healthz`);
  assert.equal(health.status, 200, 'the server is still up');
});
