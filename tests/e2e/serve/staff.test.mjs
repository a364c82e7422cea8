// Staff editing end to end: tokens, optimistic concurrency, durability
// across SIGKILL, what the public may see, photo uploads.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { INVESTMAP, get, send, investmap, parcelWhere, query, sampleDatabase, startServer, tileAt, workdir } from '../helpers.mjs';
import { decode, features } from './mvt_checks.mjs';


function createToken(db, role = 'staff', name = '张三') {
  const result = investmap('token', 'create', '--db', db, '--role', role, '--name', name);
  assert.equal(result.status, 0, result.output);
  const token = result.stdout.trim();
  assert.match(token, /^imt_[0-9a-f]{64}$/);
  return token;
}

const bearer = (token) => ({ Authorization: `Bearer ${token}` });
const itemUrl = (server, code) => `${server.url}/api/collections/parcels/items/${code}`;

async function readItem(server, code, token) {
  const response = await send(itemUrl(server, code), { headers: bearer(token) });
  assert.equal(response.status, 200, String(response.body));
  return { etag: response.headers.etag, feature: JSON.parse(response.body) };
}

function patch(server, code, token, etag, changes) {
  const headers = { ...bearer(token), 'Content-Type': 'application/merge-patch+json' };
  if (etag) headers['If-Match'] = etag;
  return send(itemUrl(server, code), { method: 'PATCH', headers, body: JSON.stringify(changes) });
}

// The sample district served, with a staff token and an available parcel's code.
async function staffDistrict(t) {
  const db = sampleDatabase(workdir(t));
  const token = createToken(db);
  return { db, token, server: await startServer(t, db), code: availableCode(db) };
}

const availableCode = (db) => query(db, "SELECT code FROM parcels WHERE status = 'available' ORDER BY code LIMIT 1")[0].code;

test('tokens: printed once, stored only as a hash, listed without secrets, revocable', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const token = createToken(db, 'admin', '李四');
  const hex = token.slice(4);
  assert.ok(!readFileSync(db).includes(Buffer.from(token)), 'no plaintext token in the database file');
  assert.equal(query(db, `SELECT count(*) AS n FROM tokens WHERE hex(sha256) LIKE '%${hex.toUpperCase()}%'`)[0].n, 0);
  const list = investmap('token', 'list', '--db', db);
  assert.match(list.stdout, /李四\tadmin/);
  assert.ok(!list.stdout.includes(hex));

  const server = await startServer(t, db);
  assert.equal((await send(`${server.url}/api/stats`, { headers: bearer(token) })).status, 200);
  assert.equal(investmap('token', 'revoke', '1', '--db', db).status, 0);
  const revoked = await send(`${server.url}/api/stats`, { headers: bearer(token) });
  assert.equal(revoked.status, 401);
  assert.equal(revoked.headers['www-authenticate'], 'Bearer');
  assert.equal(investmap('token', 'revoke', '1', '--db', db).status, 1, 'revoking twice says so');
  assert.ok(!server.log().includes(hex), 'tokens never reach the log');
});

test('forged, revoked, missing and URL tokens cannot write; ten failures a minute then 429, a valid token still works', async (t) => {
  const { db, token, server, code } = await staffDistrict(t);
  const { etag } = await readItem(server, code, token);
  const forged = `imt_${'0'.repeat(64)}`;
  assert.equal((await patch(server, code, forged, etag, { rent_yuan_m2_month: 1 })).status, 401);
  assert.equal((await patch(server, code, '', etag, { rent_yuan_m2_month: 1 })).status, 401);
  const anonymous = await send(itemUrl(server, code), { method: 'PATCH', headers: { 'If-Match': etag }, body: '{"rent_yuan_m2_month":1}' });
  assert.equal(anonymous.status, 401);
  const inUrl = await send(`${itemUrl(server, code)}?access_token=${token}`, { method: 'PATCH', headers: { 'If-Match': etag }, body: '{}' });
  assert.notEqual(inUrl.status, 200);
  assert.equal((await get(`${server.url}/tiles.json?token=${token}`)).status, 400);
  assert.equal(query(db, `SELECT version FROM parcels WHERE code = '${code}'`)[0].version, 1, 'nothing was written');
  for (let i = 0; i < 12; i++) await send(`${server.url}/api/stats`, { headers: bearer(forged) });
  assert.equal((await send(`${server.url}/api/stats`, { headers: bearer(forged) })).status, 429);
  assert.equal((await send(`${server.url}/api/stats`, { headers: bearer(token) })).status, 200, 'staff are not locked out by others');
});

test('edits: If-Match required, stale is 412, moves outside the table are 409, bad values 400, all audited', async (t) => {
  const { db, token, server, code } = await staffDistrict(t);
  const { etag } = await readItem(server, code, token);
  assert.equal((await patch(server, code, token, null, { status: 'negotiating' })).status, 428);
  const moved = await patch(server, code, token, etag, { status: 'negotiating', rent_yuan_m2_month: 18.5, note: '首次洽谈' });
  assert.equal(moved.status, 200, String(moved.body));
  assert.notEqual(moved.headers.etag, etag);
  assert.equal(JSON.parse(moved.body).properties.status, 'negotiating');
  assert.equal((await patch(server, code, token, etag, { rent_yuan_m2_month: 20 })).status, 412);
  const settled = await patch(server, code, token, moved.headers.etag, { status: 'settled' });
  assert.equal(settled.status, 409);
  assert.match(JSON.parse(settled.body).error.message, /available, reserved, signed, withdrawn/);
  for (const [body, field] of [[{ rent_yuan_m2_month: -1 }, 'rent'], [{ available_from: '2026-02-30' }, 'available_from'],
                               [{ area_m2: 5 }, 'area_m2'], [{ colour: 'red' }, 'colour'], [{ video_url: 'javascript:alert(1)' }, 'video_url']]) {
    const response = await patch(server, code, token, moved.headers.etag, body);
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.match(JSON.parse(response.body).error.message, new RegExp(field));
  }
  const history = JSON.parse((await send(`${itemUrl(server, code)}/history`, { headers: bearer(token) })).body);
  const edit = history.events.at(-1);
  assert.equal(edit.actor, '张三');
  assert.equal(edit.note, '首次洽谈');
  assert.deepEqual(edit.changes.status, ['available', 'negotiating']);
  assert.equal(history.events.filter((e) => e.action === 'edit').length, 1);
});

test('100 rounds of two clients with the same ETag: one 200 and one 412 each; audit events equal successes', async (t) => {
  const { db, token, server, code } = await staffDistrict(t);
  let { etag } = await readItem(server, code, token);
  let successes = 0;
  for (let round = 0; round < 100; round++) {
    const [a, b] = await Promise.all([
      patch(server, code, token, etag, { rent_yuan_m2_month: round * 2 + 1 }),
      patch(server, code, token, etag, { rent_yuan_m2_month: round * 2 + 2 }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 412], `round ${round}`);
    etag = (a.status === 200 ? a : b).headers.etag;
    successes += 1;
  }
  const edits = query(db, `SELECT count(*) AS n FROM audit_events WHERE parcel_code = '${code}' AND action = 'edit'`)[0].n;
  assert.equal(edits, successes);
  assert.equal(query(db, `SELECT version FROM parcels WHERE code = '${code}'`)[0].version, 1 + successes);
});

test('SIGKILL in the middle of a stream of PATCHes loses no acknowledged change', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const token = createToken(db);
  const child = spawn(INVESTMAP, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  const port = await new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error(log)));
  });
  const server = { url: `http://127.0.0.1:${port}` };
  const code = availableCode(db);
  let { etag } = await readItem(server, code, token);
  const acknowledged = [];
  const killAt = Date.now() + 1500;
  let value = 0;
  let killed = false;
  while (!killed) {
    value += 1;
    if (Date.now() > killAt) {
      child.kill('SIGKILL');
      killed = true;
    }
    try {
      const response = await patch(server, code, token, etag, { rent_yuan_m2_month: value });
      if (response.status === 200) {
        acknowledged.push(value);
        etag = response.headers.etag;
      }
    } catch {
      break;  // the server is gone
    }
  }
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.on('exit', resolve)));
  assert.ok(acknowledged.length > 10, `${acknowledged.length} edits acknowledged`);
  assert.equal(query(db, 'PRAGMA integrity_check')[0].integrity_check, 'ok');
  const stored = query(db, `SELECT json_extract(changes, '$.rent_yuan_m2_month[1]') AS rent FROM audit_events WHERE parcel_code = '${code}' AND action = 'edit'`)
    .map((row) => row.rent);
  for (const rent of acknowledged) assert.ok(stored.includes(rent), `acknowledged rent ${rent} is in the audit trail`);
  const rent = query(db, `SELECT rent_yuan_m2_month AS rent FROM parcels WHERE code = '${code}'`)[0].rent;
  assert.ok(rent >= acknowledged.at(-1), `the parcel holds ${rent}, at least the last acknowledged ${acknowledged.at(-1)}`);
});

test('a reserved parcel is invisible to the public everywhere and visible with a token', async (t) => {
  const { db, token, server } = await staffDistrict(t);
  const reserved = parcelWhere(db, "status = 'reserved' AND kind != 'office'");
  const { x, y, z } = tileAt(reserved.lon, reserved.lat, 15);
  const anonymous = {};
  const staff = bearer(token);
  const codesInTile = async (headers) => {
    const response = await send(`${server.url}/tiles/${z}/${x}/${y}.mvt`, { headers });
    return response.status === 204 ? [] : features(decode(response.body), 'parcels').map((f) => f.properties.code);
  };
  assert.ok(!(await codesInTile(anonymous)).includes(reserved.code));
  assert.ok((await codesInTile(staff)).includes(reserved.code));
  assert.equal((await send(itemUrl(server, reserved.code))).status, 404);
  assert.equal((await send(itemUrl(server, reserved.code), { headers: staff })).status, 200);
  const search = `${server.url}/api/collections/parcels/items?q=${reserved.code}`;
  assert.equal(JSON.parse((await send(search)).body).numberMatched, 0);
  const staffSearch = await send(search, { headers: staff });
  assert.equal(JSON.parse(staffSearch.body).numberMatched, 1);
  assert.match(staffSearch.headers['cache-control'], /private/);
  assert.ok('owner' in JSON.parse(staffSearch.body).features[0].properties, 'staff see staff-only fields');
  const publicItems = JSON.parse((await send(`${server.url}/api/collections/parcels/items?limit=1`)).body);
  assert.ok(!('owner' in publicItems.features[0].properties) && !('notes' in publicItems.features[0].properties));
  const publicStats = JSON.parse((await send(`${server.url}/api/stats?status=reserved`)).body);
  assert.equal(publicStats.total.count, 0);
  assert.ok(JSON.parse((await send(`${server.url}/api/stats?status=reserved`, { headers: staff })).body).total.count > 0);
  const legend = JSON.parse((await send(`${server.url}/styles/status.json`)).body).metadata['investmap:legend'][0];
  assert.ok(!legend.items.some((item) => item.value === 'reserved'));
  assert.equal((await send(`${itemUrl(server, reserved.code)}/history`)).status, 401);
  assert.equal((await send(`${itemUrl(server, reserved.code)}/history`, { headers: staff })).status, 200);
});

test('the next public tile shows a staff edit', async (t) => {
  const { db, token, server } = await staffDistrict(t);
  const parcel = parcelWhere(db, "status = 'available' AND kind != 'office'");
  const { x, y, z } = tileAt(parcel.lon, parcel.lat, 15);
  const statusInTile = async () => {
    const response = await get(`${server.url}/tiles/${z}/${x}/${y}.mvt`);
    return features(decode(response.body), 'parcels').find((f) => f.properties.code === parcel.code)?.properties.status;
  };
  assert.equal(await statusInTile(), 'available');
  const { etag } = await readItem(server, parcel.code, token);
  assert.equal((await patch(server, parcel.code, token, etag, { status: 'reserved' })).status, 200);
  assert.equal(await statusInTile(), undefined, 'reserved: gone from the public tile at once');
});

// A PNG of width × height with an optional tEXt chunk; pixels are grey.
function png(width, height, text) {
  const crc = (bytes) => {
    let c = ~0;
    for (const byte of bytes) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);  // 8-bit greyscale
  const small = width * height <= 64 * 64;
  const rows = small ? Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 128)]))) : Buffer.alloc(0);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(text ? [chunk('tEXt', Buffer.from(`GPS\0${text}`))] : []),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A minimal JPEG with an EXIF segment that names a GPS position.
function jpegWithGps() {
  const exif = Buffer.concat([Buffer.from('Exif\0\0'), Buffer.from('GPSLatitude 26.03 GPSLongitude 119.28')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(exif.length + 2) >> 8, (exif.length + 2) & 255]), exif]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00]);  // 32 × 16, one component
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof, Buffer.from([0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9])]);
}

test('photos: type from the bytes, size capped before decoding, location stripped, served immutable; videos with Range', async (t) => {
  const { db, token, server, code } = await staffDistrict(t);
  const upload = (body, headers = {}) => send(`${itemUrl(server, code)}/media`, { method: 'POST', headers: { ...bearer(token), ...headers }, body });

  const photo = await upload(png(4, 3, 'secret place'), { 'Content-Type': 'image/jpeg' });
  assert.equal(photo.status, 201, String(photo.body));
  const [entry] = JSON.parse(photo.body).properties.photos;
  assert.deepEqual([entry.type, entry.width, entry.height], ['image/png', 4, 3]);
  const served = await get(entry.url);
  assert.equal(served.status, 200);
  assert.match(served.headers['cache-control'], /immutable/);
  assert.equal(served.headers['content-type'], 'image/png');
  assert.ok(!served.body.includes(Buffer.from('secret place')), 'text metadata stripped');
  assert.ok(!query(db, `SELECT photos FROM parcels WHERE code = '${code}'`)[0].photos.includes('secret'));

  const jpeg = await upload(jpegWithGps());
  assert.equal(jpeg.status, 201, String(jpeg.body));
  const jpegEntry = JSON.parse(jpeg.body).properties.photos.at(-1);
  assert.deepEqual([jpegEntry.width, jpegEntry.height], [32, 16]);
  assert.ok(!(await get(jpegEntry.url)).body.includes(Buffer.from('GPSLatitude')), 'EXIF with GPS stripped');

  const huge = await upload(png(50000, 50000));
  assert.equal(huge.status, 415);
  assert.match(JSON.parse(huge.body).error.message, /50000×50000/);
  const fake = await upload(Buffer.from('this is not an image, whatever x.jpg says'), { 'Content-Type': 'image/jpeg' });
  assert.equal(fake.status, 415);
  assert.equal((await send(`${itemUrl(server, code)}/media`, { method: 'POST', body: png(4, 3) })).status, 401);

  const video = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(4000, 7)]);
  const uploaded = await upload(video);
  assert.equal(uploaded.status, 201);
  const videoEntry = JSON.parse(uploaded.body).properties.photos.at(-1);
  const part = await get(videoEntry.url, { Range: 'bytes=100-199' });
  assert.equal(part.status, 206);
  assert.equal(part.headers['content-range'], `bytes 100-199/${video.length}`);
  assert.deepEqual(part.body, video.subarray(100, 200));

  const removed = await send(`${itemUrl(server, code)}/media/${entry.hash}`, { method: 'DELETE', headers: bearer(token) });
  assert.equal(removed.status, 200);
  assert.ok(!JSON.parse(removed.body).properties.photos.some((p) => p.hash === entry.hash));
  const publicItem = JSON.parse((await get(itemUrl(server, code))).body);
  assert.equal(publicItem.properties.photos.length, 2);
});
