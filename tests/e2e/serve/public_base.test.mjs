// Links in documents: from public_url, from a trusted reverse proxy's
// headers, or from the address the client reached — never from a Host or
// X-Forwarded-Host a client made up (documents are cached publicly).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { get, sampleDatabase, startSampleServerWith, startServer, workdir } from '../helpers.mjs';

// Every document that carries absolute links.
const DOCUMENTS = ['/tiles.json', '/styles/heat.json', '/api', '/api/collections', '/api/collections/parcels/items?limit=1'];

async function documents(server, headers) {
  const bodies = [];
  for (const path of DOCUMENTS) {
    const response = await get(`${server.url}${path}`, headers);
    assert.equal(response.status, 200, `${path}: ${response.body}`);
    bodies.push(response.body.toString());
  }
  return bodies;
}

test('a made-up Host or X-Forwarded-Host never reaches a document', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  for (const headers of [{ Host: 'evil.example' }, { Host: 'evil.example:8080' }, { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    { Forwarded: 'host=evil.example;proto=https' }]) {
    for (const body of await documents(server, headers)) {
      assert.doesNotMatch(body, /evil\.example/, JSON.stringify(headers));
      assert.doesNotMatch(body, /https:/, 'an untrusted X-Forwarded-Proto is ignored too');
    }
  }
  const tilejson = JSON.parse((await get(`${server.url}/tiles.json`, { Host: 'evil.example' })).body);
  assert.equal(tilejson.tiles[0], `${server.url}/tiles/{z}/{x}/{y}.mvt`, 'the address the client reached instead');
  assert.equal((await get(`${server.url}/`)).headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
  const local = JSON.parse((await get(`${server.url}/tiles.json`, { Host: `localhost:${server.port}` })).body);
  assert.equal(local.tiles[0], `http://localhost:${server.port}/tiles/{z}/{x}/{y}.mvt`, 'localhost names a loopback connection');
});

test('public_url makes every link, whatever the headers say', async (t) => {
  const { server } = await startSampleServerWith(t, 'public_url = "https://zsdt.example.gov.cn/heatmap/"\ntrust_proxy = true\n');
  const base = 'https://zsdt.example.gov.cn/heatmap';
  const [tilejson, style, landing, , items] = (await documents(server, { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' })).map((b) => JSON.parse(b));
  assert.equal(tilejson.tiles[0], `${base}/tiles/{z}/{x}/{y}.mvt`);
  assert.equal(style.sources.investmap.url, `${base}/tiles.json`);
  assert.equal(style.glyphs, `${base}/fonts/{fontstack}/{range}.pbf`);
  assert.ok(landing.links.every((link) => link.href.startsWith(`${base}/api`)), JSON.stringify(landing.links));
  assert.ok(items.links.every((link) => link.href.startsWith(`${base}/api`)), JSON.stringify(items.links));

  // Pages: HTTPS-only from now on, their own scripts only, no referrer path to other sites.
  const page = await get(`${server.url}/`);
  assert.equal(page.headers['strict-transport-security'], 'max-age=31536000');
  assert.equal(page.headers['referrer-policy'], 'strict-origin-when-cross-origin');
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.match(page.headers['content-security-policy'], /script-src 'self';/);
  assert.match(page.headers['content-security-policy'], /connect-src 'self' https:\/\/zsdt\.example\.gov\.cn;/);
  assert.match(page.headers['content-security-policy'], /frame-ancestors 'none'|frame-ancestors 'self'/);
});

test('behind a trusted proxy: its scheme, host and prefix, and its client address for sign-in limits', async (t) => {
  const { server } = await startSampleServerWith(t, 'trust_proxy = true\ntrusted_proxies = ["127.0.0.1"]\n');
  const proxied = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'map.example.cn', 'X-Forwarded-Prefix': '/heatmap/' };
  const tilejson = JSON.parse((await get(`${server.url}/tiles.json`, proxied)).body);
  assert.equal(tilejson.tiles[0], 'https://map.example.cn/heatmap/tiles/{z}/{x}/{y}.mvt');
  const bad = JSON.parse((await get(`${server.url}/tiles.json`, { 'X-Forwarded-Host': 'evil.example/x', 'X-Forwarded-Prefix': '/../' })).body);
  assert.equal(bad.tiles[0], `${server.url}/tiles/{z}/{x}/{y}.mvt`, 'malformed forwarded parts are dropped');

  // Ten bad tokens from one forwarded client slow that client down, not the others behind the same proxy.
  const attempt = (client) => get(`${server.url}/api/stats`, { Authorization: 'Bearer imt_wrong', 'X-Forwarded-For': client });
  for (let i = 0; i < 10; i++) assert.equal((await attempt('203.0.113.7')).status, 401);
  assert.equal((await attempt('203.0.113.7')).status, 429);
  assert.equal((await attempt('198.51.100.3')).status, 401);
});
