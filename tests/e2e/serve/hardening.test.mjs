// Hardening: no request, however malformed, stops the server; uploads over
// 1 MiB work; strangers cannot make it hold memory; uploads lose their
// location; a deleted database is never answered as saved.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { get, investmap, query, send, sampleDatabase, squareFeature, startServer, startWrappedServer, workdir, writeGeoJSON } from '../helpers.mjs';


// Writes raw bytes, resolves to everything the server sent before closing
// (or before `ms`, when it keeps the connection open).
function rawExchange(port, bytes, ms = 3000) {
  return new Promise((resolve) => {
    const chunks = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

function createToken(db) {
  const result = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '测试');
  assert.equal(result.status, 0, result.output);
  return result.stdout.trim();
}

const bearer = (token) => ({ Authorization: `Bearer ${token}` });
const availableCode = (db) => query(db, "SELECT code FROM parcels WHERE status = 'available' ORDER BY code LIMIT 1")[0].code;
const rssMb = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;

async function alive(server) {
  const health = await get(`${server.url}/healthz`);
  assert.equal(health.status, 200, `the server answers /healthz: ${health.body}`);
}

test('invalid UTF-8 anywhere in the URL is a 400 with a JSON body, and the server lives on', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const targets = [
    '/tiles/1/0/0.mvt?industry=%c0%ae', '/%c0%ae', '/%C0%AE', '/%ed%a0%80', '/%f4%90%80%80', '/%e0%80%80', '/api/%c0%ae',
    '/api/collections/parcels/items?status=%c0%ae', '/api/collections/parcels/items?%c0%ae=1', '/api/stats?%ed%a0%80=1',
    '/styles/heat.json?kind=%c0%ae', '/tiles.json?land_use=%c0%ae', '/static/100x100.png?title=%ff', '/media/%c0%ae.jpg',
  ];
  for (const target of targets) {
    const response = await get(`${server.url}${target}`);
    assert.equal(response.status, 400, target);
    assert.equal(JSON.parse(response.body).error.code, 'bad_request', target);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  }
  await alive(server);
});

test('the smaller holes: ranges, repeated parameters, absurd numbers, extents, private staff reads, pipelining past the limit', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  // A withdrawn parcel far east of the district must not widen what the public sees.
  const far = join(dir, 'far.geojson');
  writeGeoJSON(far, [squareFeature({ 地块编号: 'FAR-1', 名称: '远处', 类型: '土地', 状态: '暂不招商' }, 121.5, 26.0)]);
  assert.equal(investmap('import', far, '--db', db).status, 0);
  const token = createToken(db);
  const server = await startServer(t, db);
  const code = availableCode(db);

  const publicBounds = JSON.parse((await get(`${server.url}/tiles.json`)).body).bounds;
  assert.ok(publicBounds[2] < 120, `public TileJSON bounds ${publicBounds} leave out the withdrawn parcel`);
  const collection = JSON.parse((await get(`${server.url}/api/collections/parcels`)).body);
  assert.ok(collection.extent.spatial.bbox[0][2] < 120, 'the public extent leaves it out too');
  const staffBounds = JSON.parse((await send(`${server.url}/tiles.json`, { headers: bearer(token) })).body).bounds;
  assert.ok(staffBounds[2] > 121.5, 'staff see it');

  for (const repeated of ['limit=1&limit=2', 'offset=0&offset=5', 'bbox=119,25,120,26&bbox=0,0,1,1', 'sortby=code&sortby=-area_m2']) {
    const response = await get(`${server.url}/api/collections/parcels/items?${repeated}`);
    assert.equal(response.status, 400, repeated);
    assert.match(JSON.parse(response.body).error.message, /twice/);
  }

  const item = await send(`${server.url}/api/collections/parcels/items/${code}`, { headers: bearer(token) });
  assert.equal(item.status, 200);
  assert.match(item.headers['cache-control'], /private/);
  const absurd = await send(`${server.url}/api/collections/parcels/items/${code}`, {
    method: 'PATCH', headers: { ...bearer(token), 'If-Match': item.headers.etag }, body: '{"rent_yuan_m2_month":1e308}',
  });
  assert.equal(absurd.status, 400);
  assert.match(JSON.parse(absurd.body).error.message, /rent_yuan_m2_month/);

  // A tiny PNG uploaded, then asked for with bad ranges.
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010800000000' + '3a7e9b55' +
    '0000000a49444154789c636000000002000185d114090000000049454e44ae426082', 'hex');
  const uploaded = await send(`${server.url}/api/collections/parcels/items/${code}/media`, { method: 'POST', headers: bearer(token), body: png });
  assert.equal(uploaded.status, 201, String(uploaded.body));
  const url = JSON.parse(uploaded.body).properties.photos.at(-1).url;
  const whole = await get(url);
  assert.equal(whole.status, 200);
  assert.deepEqual(whole.body, png);
  assert.equal(whole.headers['x-content-type-options'], 'nosniff');
  assert.match(whole.headers['content-security-policy'], /sandbox/);
  for (const range of ['bytes=5-2', 'bytes=-0', `bytes=${png.length}-`]) {
    const response = await get(url, { Range: range });
    assert.equal(response.status, 416, range);
    assert.equal(response.headers['content-range'], `bytes */${png.length}`);
  }
  assert.deepEqual((await get(url, { Range: 'bytes=-4' })).body, png.subarray(png.length - 4));
  const half = await send(`${server.url}/api/collections/parcels/items/${code}/media`, { method: 'POST', headers: bearer(token), body: png.subarray(0, 40) });
  assert.equal(half.status, 415, 'a PNG cut in half is refused');

  // 1 005 requests sent at once on one connection: the server answers 1 000
  // and closes, and every answer it wrote reaches the client (no reset).
  const pipelined = Buffer.from('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(1005));
  const answers = (await rawExchange(server.port, pipelined, 10_000)).toString().match(/HTTP\/1\.1 200/g) ?? [];
  assert.equal(answers.length, 1000);
  await alive(server);
});

test('10 000 random raw requests leave the server alive and answering', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const paths = ['/', '/tiles/12/3405/1741.mvt', '/api/collections/parcels/items', '/api/stats', '/tiles.json', '/styles/heat.json', '/healthz', '/media/x.jpg', '/static/10x10.png'];
  const methods = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS', 'G\x00T', 'BREW', ''];
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  // A random percent-escape, or a whole escaped sequence that looks like
  // UTF-8 but is not (overlong, surrogate, past U+10FFFF, cut short).
  const escape = () => {
    if (Math.random() < 0.5) return `%${randomBytes(1).toString('hex')}`;
    const lead = pick([0xc0, 0xc1, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff]);
    const tail = Array.from({ length: Math.floor(Math.random() * 4) }, () => 0x80 + Math.floor(Math.random() * 64));
    return [lead, ...tail].map((b) => `%${b.toString(16)}`).join('');
  };
  const hostile = () => {
    switch (Math.floor(Math.random() * 6)) {
      case 0: return randomBytes(1 + Math.floor(Math.random() * 200));
      case 1: return Buffer.from(`${pick(methods)} ${pick(paths)}?${escape()}${escape()}=${escape()}${escape()} HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1');
      case 2: return Buffer.from(`GET ${pick(paths)}${escape()}${escape()}${escape()} HTTP/1.1\r\n${randomBytes(20).toString('latin1')}: ${escape()}\r\n\r\n`, 'latin1');
      case 3: return Buffer.from(`${pick(methods)} ${pick(paths)} HTTP/1.1\r\nContent-Length: ${pick(['-1', '99999999999999999999', 'abc', '5', ''])}\r\nTransfer-Encoding: ${pick(['chunked', 'gzip', 'x'])}\r\n\r\n${randomBytes(8).toString('latin1')}`, 'latin1');
      case 4: return Buffer.from(`GET ${pick(paths)} HTTP/${pick(['1.1', '1.0', '9.9', 'x'])}\r\nRange: bytes=${Math.floor(Math.random() * 10) - 3}-${Math.floor(Math.random() * 10) - 3}\r\nIf-None-Match: ${randomBytes(6).toString('latin1')}\r\nAuthorization: Bearer ${randomBytes(6).toString('hex')}\r\n\r\n`, 'latin1');
      default: return Buffer.concat([Buffer.from(`GET /tiles/${Math.floor(Math.random() * 40)}/${escape()}/1.mvt?`), randomBytes(30), Buffer.from(' HTTP/1.1\r\n\r\n')]);
    }
  };
  let done = 0;
  const worker = async () => {
    while (done < 10_000) {
      done++;
      await rawExchange(server.port, hostile(), 2000);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await alive(server);
  const tile = await get(`${server.url}/tiles/12/3405/1741.mvt`);
  assert.ok([200, 204].includes(tile.status));
});

// A JPEG our probe reads as 32 × 16, with `before` ahead of its frame header
// and `after` behind its end, its scan padded to `scanBytes`.
function jpeg({ before = Buffer.alloc(0), after = Buffer.alloc(0), scanBytes = 16 } = {}) {
  const exif = (text) => {
    const payload = Buffer.concat([Buffer.from('Exif\0\0'), Buffer.from(text)]);
    return Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);
  };
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00]);
  const scan = Buffer.alloc(scanBytes, 0x5a);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
  return { exif, bytes: Buffer.concat([Buffer.from([0xff, 0xd8]), before, sof, sos, scan, Buffer.from([0xff, 0xd9]), after]) };
}

test('uploads: a 5 MB photo and a 60 MB video with Content-Length; GPS gone from three phone layouts', async (t) => {
  const db = sampleDatabase(workdir(t));
  const token = createToken(db);
  const server = await startServer(t, db);
  const upload = (body) => send(`${server.url}/api/collections/parcels/items/${availableCode(db)}/media`, { method: 'POST', headers: bearer(token), body });

  const photo = await upload(jpeg({ scanBytes: 5 << 20 }).bytes);
  assert.equal(photo.status, 201, String(photo.body));
  const video = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(60 << 20, 7)]);
  const videoUpload = await upload(video);
  assert.equal(videoUpload.status, 201, String(videoUpload.body));
  assert.equal(JSON.parse(videoUpload.body).properties.photos.at(-1).bytes, video.length);

  const { exif } = jpeg();
  const gps = 'GPSLatitude 26.03 GPSLongitude 119.28 <x:xmpmeta>';
  const layouts = {
    'fill byte before APP1': jpeg({ before: Buffer.concat([Buffer.from([0xff]), exif(gps)]) }).bytes,
    'FF01 before APP1': jpeg({ before: Buffer.concat([Buffer.from([0xff, 0x01]), exif(gps)]) }).bytes,
    'second JPEG appended (MPO)': jpeg({ after: jpeg({ before: exif(gps) }).bytes }).bytes,
  };
  for (const [name, bytes] of Object.entries(layouts)) {
    const response = await upload(bytes);
    assert.equal(response.status, 201, `${name}: ${response.body}`);
    const stored = await get(JSON.parse(response.body).properties.photos.at(-1).url);
    for (const word of ['Exif', 'GPS', 'xmpmeta']) assert.ok(!stored.body.includes(Buffer.from(word)), `${name}: no ${word}`);
  }
});

test('strangers cannot make the server hold memory: bogus-token bodies are refused unread, videos are streamed', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const token = createToken(db);
  const server = await startServer(t, db);
  const code = availableCode(db);
  const pid = server.child.pid;

  // Eight 99 MiB chunked posts with a bogus token: answered 401 before the body.
  const bogus = () => new Promise((resolve) => {
    const request = http.request(`${server.url}/api/collections/parcels/items/${code}/media`, {
      method: 'POST', headers: { Authorization: 'Bearer bogus', 'Transfer-Encoding': 'chunked' },
    }, (response) => { response.resume(); resolve(response.statusCode); });
    request.on('error', () => resolve('closed'));
    const piece = Buffer.alloc(1 << 20, 1);
    let sent = 0;
    const pump = () => {
      while (sent < 99 && request.write(piece)) sent++;
      if (sent < 99) request.once('drain', pump);
      else request.end();
    };
    pump();
  });
  const statuses = await Promise.all(Array.from({ length: 8 }, bogus));
  assert.ok(statuses.every((s) => s === 401 || s === 429 || s === 'closed'), `bogus posts: ${statuses}`);
  const afterPosts = rssMb(pid);
  assert.ok(afterPosts < 300, `RSS after bogus posts ${afterPosts.toFixed(0)} MB`);

  // A 90 MB video read by 12 slow clients at once.
  const video = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(90 << 20, 3)]);
  const uploaded = await send(`${server.url}/api/collections/parcels/items/${code}/media`, { method: 'POST', headers: bearer(token), body: video });
  assert.equal(uploaded.status, 201);
  // The upload went to disk as it arrived: the server never held it whole.
  const peak = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]) / 1024;
  assert.ok(peak < afterPosts + 60, `peak RSS ${peak.toFixed(0)} MB while a 90 MB video came in (before: ${afterPosts.toFixed(0)} MB)`);
  const garbage = await send(`${server.url}/api/collections/parcels/items/${code}/media`, { method: 'POST', headers: bearer(token), body: Buffer.alloc(20 << 20, 9) });
  assert.equal(garbage.status, 415, 'a 20 MB file that is no video is refused');
  assert.deepEqual(readdirSync(`${db}-media`).filter((name) => !/^[0-9a-f]{64}\.(jpg|png|webp|mp4)$/.test(name)), [], 'no temporary upload is left');
  const url = JSON.parse(uploaded.body).properties.photos.at(-1).url;
  const readers = [];
  for (let i = 0; i < 12; i++) {
    readers.push(await new Promise((resolve) => {
      const request = http.get(url, { agent: false }, (response) => {
        response.pause();  // a slow reader: reads nothing for now
        resolve({ request, response });
      });
    }));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const withReaders = rssMb(pid);
  for (const { request } of readers) request.destroy();
  assert.ok(withReaders < 300, `RSS with 12 slow readers of a 90 MB video ${withReaders.toFixed(0)} MB`);
  await alive(server);
  console.log(`RSS: after 8 bogus 99 MiB posts ${afterPosts.toFixed(0)} MB; with 12 slow readers of a 90 MB video ${withReaders.toFixed(0)} MB`);
});

test('a deleted database file: no edit is answered as saved after the deletion, none answered before is lost', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const token = createToken(db);
  const server = await startServer(t, db);
  const code = availableCode(db);
  const item = `${server.url}/api/collections/parcels/items/${code}`;
  const kept = join(dir, 'kept.sqlite');  // the same file under a second name, to look into afterwards

  const saved = [];
  let refusedAfterDeletion = 0;
  let deleted = false;
  for (let i = 1; i <= 60; i++) {
    if (i === 30) {
      linkSync(db, kept);
      unlinkSync(db);
      deleted = true;
    }
    const current = await send(item, { headers: bearer(token) });
    if (current.status !== 200) {
      assert.ok(deleted);
      continue;
    }
    const response = await send(item, {
      method: 'PATCH', headers: { ...bearer(token), 'If-Match': current.headers.etag }, body: JSON.stringify({ rent_yuan_m2_month: i }),
    });
    if (response.status === 200) {
      assert.ok(!deleted, `edit ${i} answered 200 after the file was deleted`);
      saved.push(i);
    } else {
      assert.equal(response.status, 503, String(response.body));
      refusedAfterDeletion++;
    }
  }
  assert.equal(saved.length, 29);
  assert.ok(refusedAfterDeletion > 0);
  const health = await get(`${server.url}/healthz`);
  assert.equal(health.status, 503, 'health says so at once');
  for (const suffix of ['-wal', '-shm']) {
    try { linkSync(db + suffix, kept + suffix); } catch { /* already folded into the file */ }
  }
  assert.equal(query(kept, `SELECT rent_yuan_m2_month AS rent FROM parcels WHERE code = '${code}'`)[0].rent, saved.at(-1), 'the last saved edit is in the file');
});

test('a bad listen address is reported with what to fix', (t) => {
  const db = sampleDatabase(workdir(t));
  const result = investmap('serve', '--db', db, '--listen', '999.1.1.1:80');
  assert.equal(result.status, 2);
  assert.match(result.output, /999\.1\.1\.1.*IP/);
});

test('a killed import leaves no file behind after the next import', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'new.sqlite');
  writeFileSync(`${db}.importing-999999999`, 'left by a killed import');
  const result = investmap('import', join(process.env.INVESTMAP_SOURCE ?? '.', 'data', 'sample', 'parcels.geojson'), '--db', db);
  assert.equal(result.status, 0, result.output);
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.importing-')), []);
});

test('an edit of a parcel the public cannot see changes nothing the public can observe', async (t) => {
  const db = sampleDatabase(workdir(t));
  const token = createToken(db);
  const server = await startServer(t, db);
  const reserved = query(db, "SELECT code FROM parcels WHERE status = 'reserved' ORDER BY code LIMIT 1")[0].code;
  const available = availableCode(db);
  const observe = async () => ({
    tile: (await get(`${server.url}/tiles/12/3405/1741.mvt`)).headers.etag,
    version: JSON.parse((await get(`${server.url}/healthz`)).body).data_version,
  });
  const edit = async (code, rent) => {
    const item = `${server.url}/api/collections/parcels/items/${code}`;
    const current = await send(item, { headers: bearer(token) });
    const response = await send(item, { method: 'PATCH', headers: { ...bearer(token), 'If-Match': current.headers.etag }, body: JSON.stringify({ rent_yuan_m2_month: rent }) });
    assert.equal(response.status, 200, String(response.body));
  };
  const before = await observe();
  const staffBefore = JSON.parse((await send(`${server.url}/healthz`, { headers: bearer(token) })).body).data_version;
  await edit(reserved, 99);
  assert.deepEqual(await observe(), before, 'a reserved parcel edited: public tile ETag and version unchanged');
  const staffAfter = JSON.parse((await send(`${server.url}/healthz`, { headers: bearer(token) })).body).data_version;
  assert.equal(staffAfter, staffBefore + 1, 'staff see the data version move');
  await edit(available, 98);
  const after = await observe();
  assert.notEqual(after.version, before.version, 'an available parcel edited: the public version moves');
});

test('idle connections that take every file descriptor do not lock out /healthz', async (t) => {
  // 256 descriptors, 400 connections that never send a byte.
  const server = await startWrappedServer(t, sampleDatabase(workdir(t)), ['prlimit', '--nofile=256:256']);
  const idle = Array.from({ length: 400 }, () => net.connect(server.port, '127.0.0.1').on('error', () => {}));
  t.after(() => idle.forEach((socket) => socket.destroy()));
  await new Promise((r) => setTimeout(r, 500));
  const started = performance.now();
  await alive(server);
  const waited = performance.now() - started;
  assert.ok(waited < 5000, `/healthz answered after ${waited.toFixed(0)} ms (the read timeout is 15 s)`);
});

test('a full disk: 507 saying so, no half-written file, and writes work again once there is room', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to mount a small tmpfs');
  // Not workdir(): the tmpfs must be unmounted before its folder is removed.
  const dir = mkdtempSync(join(tmpdir(), 'investmap-e2e-'));
  const small = join(dir, 'small');
  mkdirSync(small);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', small]).status === 0;
  t.after(() => {
    if (mounted) spawnSync('umount', ['-l', small]);
    rmSync(dir, { recursive: true, force: true });
  });
  if (!mounted) return t.skip('cannot mount a tmpfs here');
  const db = join(small, 'sample.sqlite');
  copyFileSync(sampleDatabase(dir), db);
  const token = createToken(db);
  const config = join(dir, 'server.toml');
  writeFileSync(config, `media_dir = "${join(small, 'media')}"\n`);
  const server = await startServer(t, db, '--config', config);
  const code = availableCode(db);
  const item = `${server.url}/api/collections/parcels/items/${code}`;
  const edit = async (rent) => {
    const current = await send(item, { headers: bearer(token) });
    return send(item, { method: 'PATCH', headers: { ...bearer(token), 'If-Match': current.headers.etag }, body: JSON.stringify({ rent_yuan_m2_month: rent }) });
  };
  assert.equal((await edit(1)).status, 200);

  const filler = join(small, 'filler');
  try { writeFileSync(filler, Buffer.alloc(8 << 20)); } catch { /* ENOSPC: the disk is full now */ }
  const photo = jpeg({ scanBytes: 200_000 }).bytes;
  const upload = await send(`${item}/media`, { method: 'POST', headers: bearer(token), body: photo });
  assert.equal(upload.status, 507, String(upload.body));
  assert.match(JSON.parse(upload.body).error.message, /disk/);
  assert.deepEqual(readdirSync(join(small, 'media')).filter((name) => name.endsWith('.part')), [], 'no .part file left');
  const edits = [];
  for (let i = 2; i < 40; i++) edits.push((await edit(i)).status);
  assert.ok(edits.every((status) => status === 200 || status === 507), `edits on a full disk: ${edits}`);
  assert.ok(edits.includes(507), 'a full disk is a 507 to an edit too');
  await alive(server);

  unlinkSync(filler);
  assert.equal((await edit(50)).status, 200, 'room again: edits work');
  assert.equal((await send(`${item}/media`, { method: 'POST', headers: bearer(token), body: photo })).status, 201);
});
