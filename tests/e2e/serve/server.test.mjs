// The server around the routes: TileJSON, health and metrics, limits, CORS,
// configuration errors, and a clean stop on SIGTERM.
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { get, investmap, sampleDatabase, startSampleServerWith, startServer, tileAt, workdir } from '../helpers.mjs';

test('TileJSON 3.0.0 carries the filters in its tile URL and describes the layers', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const response = await get(`${server.url}/tiles.json?status=available&kind=land,factory`);
  assert.equal(response.status, 200);
  const doc = JSON.parse(response.body);
  assert.equal(doc.tilejson, '3.0.0');
  assert.deepEqual(doc.tiles, [`${server.url}/tiles/{z}/{x}/{y}.mvt?status=available&kind=factory,land`]);
  assert.deepEqual(doc.vector_layers.map((l) => l.id), ['parcels', 'heat', 'context']);
  assert.equal(doc.vector_layers[0].fields.code, 'String');
  // The bounds take in the district outline (to 119.445°E, past the parcels at 119.320°E), so its tiles are asked for.
  const [west, south, east, north] = doc.bounds;
  assert.ok(Math.abs(west - 119.217) < 0.001 && Math.abs(east - 119.445) < 0.001 && Math.abs(south - 25.961) < 0.001 && Math.abs(north - 26.108) < 0.001,
    `bounds ${doc.bounds}`);
  const [lon, lat] = doc.center;
  assert.ok(lon > 119.25 && lon < 119.32 && lat > 26.0 && lat < 26.06, `centred on the parcels: ${doc.center}`);
  assert.equal((await get(`${server.url}/tiles.json?land_use=Q7`)).status, 400);
  assert.match(doc.attribution, /^数据截至 Data as of \d{4}-\d\d-\d\d · © 区商务局/, 'the data date with the credit');
});

test('the 审图号 configured is in the web map\'s attribution, as on static maps', async (t) => {
  const { server } = await startSampleServerWith(t, 'map_approval_number = "闽S〔2026〕001号"\n');
  const doc = JSON.parse((await get(`${server.url}/tiles.json`)).body);
  assert.match(doc.attribution, / · 审图号 Map approval 闽S〔2026〕001号$/);
});

test('/healthz and /metrics report requests, statuses and the cache', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  assert.equal(JSON.parse((await get(`${server.url}/healthz`)).body).status, 'ok');
  // A tile is kept on its second request, so the third is the hit.
  for (let i = 0; i < 3; i++) await get(`${server.url}/tiles/12/3405/1741.mvt`);
  await get(`${server.url}/tiles/99/0/0.mvt`);
  const metrics = (await get(`${server.url}/metrics`)).body.toString();
  assert.match(metrics, /investmap_requests_total\{route="tiles",status="200"\} 3/);
  assert.match(metrics, /investmap_requests_total\{route="tiles",status="400"\} 1/);
  assert.match(metrics, /investmap_tile_cache_hits_total 1\n/);
  assert.match(metrics, /investmap_tile_cache_misses_total 2\n/);
  assert.match(metrics, /investmap_request_seconds_bucket\{route="tiles",le="\+Inf"\} 4/);
});

test('a body where the route takes none is a 413', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const answer = await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello');
  assert.match(answer, /^HTTP\/1\.1 413/);
});

test('a header over 8 KiB is a 431 and other methods a 405', async (t) => {
  const db = sampleDatabase(workdir(t));
  const server = await startServer(t, db);
  const big = await get(`${server.url}/healthz`, { 'X-Padding': 'x'.repeat(9000) });
  assert.equal(big.status, 431);
  const answer = await new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.end('DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
    let text = '';
    socket.on('data', (chunk) => { text += chunk; });
    socket.on('close', () => resolve(text));
  });
  assert.match(answer, /^HTTP\/1\.1 405/);
  assert.match(answer, /Allow: GET, HEAD/);
});

test('CORS follows the configured origins; a bad config file stops start-up naming the line', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  writeFileSync(join(dir, 'ok.toml'), 'cors_origins = ["https://map.example.cn"]\nparcel_zoom = 14\n');
  const server = await startServer(t, db, '--config', join(dir, 'ok.toml'));
  const allowed = await get(`${server.url}/healthz`, { Origin: 'https://map.example.cn' });
  assert.equal(allowed.headers['access-control-allow-origin'], 'https://map.example.cn');
  const other = await get(`${server.url}/healthz`, { Origin: 'https://elsewhere.example' });
  assert.equal(other.headers['access-control-allow-origin'], undefined);

  writeFileSync(join(dir, 'bad.toml'), 'threads = 2\ncolour = "red"\n');
  const refused = investmap('serve', '--db', db, '--config', join(dir, 'bad.toml'));
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /bad\.toml:2: unknown key colour/);
  writeFileSync(join(dir, 'range.toml'), 'parcel_zoom = 40\n');
  assert.match(investmap('serve', '--db', db, '--config', join(dir, 'range.toml')).stderr, /range\.toml:1: parcel_zoom must be/);
  assert.equal(investmap('serve', '--db', join(dir, 'ok.toml')).status, 1, 'a file that is not a database');
});

// Sends raw bytes and returns everything the server answers before closing.
function rawExchange(port, text, { end = true } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => (end ? socket.end(text) : socket.write(text)));
    let answer = '';
    socket.on('data', (chunk) => { answer += chunk; });
    socket.on('close', () => resolve(answer));
  });
}

test('pages come from web/ and no encoding of .. or symbolic link reaches a file outside it', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>招商</title>');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'web', 'link.txt'));
  writeFileSync(join(dir, 'web.toml'), `web_dir = "${join(dir, 'web')}"\n`);
  const server = await startServer(t, db, '--config', join(dir, 'web.toml'));
  const page = await get(`${server.url}/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(page.body.toString(), /招商/);
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/%252e%252e/secret.txt', '/..%2fsecret.txt', '/.%2e/secret.txt',
    '/link.txt', '/web/../../secret.txt', '/%2E%2E%5Csecret.txt']) {
    const answer = await rawExchange(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 (404|400)/, path);
    assert.doesNotMatch(answer, /SECRET/, path);
  }
});

test('a request that does not arrive within the read timeout gets a 408 and the connection closes', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  writeFileSync(join(dir, 'fast.toml'), 'read_timeout_s = 1\n');
  const server = await startServer(t, db, '--config', join(dir, 'fast.toml'));
  const started = Date.now();
  const answer = await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { end: false });
  assert.match(answer, /^HTTP\/1\.1 408/);
  assert.ok(Date.now() - started < 5000);
});

// Opens a keep-alive connection and sends `count` requests on it, one after
// another; resolves with the status lines and the still-open socket.
async function keepAliveRequests(port, path, count) {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise((ok, bad) => { socket.once('connect', ok); socket.once('error', bad); });
  let buffered = Buffer.alloc(0);
  const statuses = [];
  for (let i = 0; i < count; i++) {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await new Promise((ok, bad) => {
      const onData = (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        statuses.push(head.slice(0, 12));
        buffered = buffered.subarray(end + 4 + length);
        socket.off('data', onData);
        ok();
      };
      socket.on('data', onData);
      socket.once('error', bad);
    });
  }
  return { statuses, socket };
}

test('keep-alive connections spread over the threads are all answered; SIGTERM ends idle ones at once', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const server = await startServer(t, db);  // two threads, a connection lives on one of them
  const tile = tileAt(119.2861, 26.0297, 14);  // the sample district's centre
  const connections = await Promise.all(
    Array.from({ length: 6 }, () => keepAliveRequests(server.port, `/tiles/14/${tile.x}/${tile.y}.mvt`, 20)));
  for (const { statuses } of connections) assert.deepEqual(new Set(statuses), new Set(['HTTP/1.1 200']));
  const metrics = (await get(`${server.url}/metrics`)).body.toString();
  assert.match(metrics, /investmap_requests_total\{route="tiles",status="200"\} 120\n/);

  // Six connections now wait idle for their next request: a stop must not
  // wait its 10 s grace period for them.
  const closed = connections.map(({ socket }) => new Promise((ok) => socket.once('close', ok)));
  const stopped = Date.now();
  const exited = new Promise((ok) => server.child.once('exit', (code) => ok(code)));
  server.child.kill('SIGTERM');
  assert.equal(await exited, 0);
  await Promise.all(closed);
  assert.ok(Date.now() - stopped < 2000, `stopped after ${Date.now() - stopped} ms`);
});

test('a long request (a 4096 × 4096 static map) does not hold up the tiles of its thread', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const server = await startServer(t, db, '--threads', '1');  // every connection on one thread
  const tile = tileAt(119.2861, 26.0297, 14);
  const drawnAlone = Date.now();
  assert.equal((await get(`${server.url}/static/2048x2048@2x.png?style=status`)).status, 200);
  const drawing = Date.now() - drawnAlone;

  const started = Date.now();
  let mapDone = 0;
  const map = get(`${server.url}/static/2048x2048@2x.png`).then((response) => { mapDone = Date.now(); return response; });
  await new Promise((ok) => setTimeout(ok, Math.min(100, drawing / 4)));  // the map is being drawn now
  const kinds = ['land', 'factory', 'office', 'land,factory', 'land,office', 'factory,office'];
  for (const kind of kinds) {  // filters the cache has not seen: each tile is built
    assert.equal((await get(`${server.url}/tiles/14/${tile.x}/${tile.y}.mvt?kind=${kind}`)).status, 200);
  }
  const tilesDone = Date.now();
  assert.equal((await map).status, 200);
  assert.ok(tilesDone < mapDone, `tiles done after ${tilesDone - started} ms, the map after ${mapDone - started} ms (alone: ${drawing} ms)`);
});
