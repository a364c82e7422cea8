// The operator's log: one line per request with time, client, request,
// status, bytes and milliseconds; the forwarded client behind a trusted
// proxy; no token values; nothing a client sends can break a line.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { get, startSampleServerWith } from '../helpers.mjs';

const LINE = /^access (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S+) "(\S+) (\S*)" (\d{3}) (\d+) (\d+\.\d)ms$/;

function accessLines(server) {
  return server.log().split('\n').filter((line) => line.startsWith('access '));
}

async function waitForLines(server, count) {
  for (let i = 0; i < 100 && accessLines(server).length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return accessLines(server);
}

// Bytes no HTTP client library would send.
function rawRequest(port, bytes) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    let reply = '';
    socket.on('data', (chunk) => { reply += chunk; });
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

test('one line per request: time, client, request, status, bytes, milliseconds', async (t) => {
  const { server } = await startSampleServerWith(t, 'trust_proxy = true\ntrusted_proxies = ["127.0.0.1"]\n');
  const before = Date.now();
  const tilejson = await get(`${server.url}/tiles.json?status=available`);
  await get(`${server.url}/tiles.json`, { 'X-Forwarded-For': '198.51.100.7, 203.0.113.9' });
  await get(`${server.url}/no-such-page`);
  const lines = await waitForLines(server, 3);
  assert.equal(lines.length, 3, server.log());
  const [first, second, third] = lines.map((line) => line.match(LINE));
  assert.ok(first && second && third, lines.join('\n'));
  assert.ok(Math.abs(Date.parse(first[1]) - before) < 60_000, 'the time is now, in UTC');
  assert.deepEqual(first.slice(2, 7), ['127.0.0.1', 'GET', '/tiles.json?status=available', '200', String(tilejson.body.length)]);
  assert.equal(second[2], '203.0.113.9', 'the client the trusted proxy saw (the last X-Forwarded-For)');
  assert.equal(third[5], '404');
});

test('token values never reach the log, and a hostile request stays on its line', async (t) => {
  const { server } = await startSampleServerWith(t, '');
  const refused = await get(`${server.url}/api/collections/parcels/items?token=s3cret-value&limit=1`);
  assert.equal(refused.status, 400, 'tokens in URLs are refused');
  await rawRequest(server.port, 'GET /x\x1b[2J"\\ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  await rawRequest(server.port, 'GARBAGE\r\n\r\n');
  const lines = await waitForLines(server, 3);
  assert.equal(lines.length, 3, server.log());
  assert.doesNotMatch(server.log(), /s3cret/);
  assert.match(lines[0], /"GET \/api\/collections\/parcels\/items\?token=\*\*\*&limit=1" 400 /);
  for (const line of lines) {
    assert.doesNotMatch(line, /[\x00-\x1f\x7f]/, 'no control byte');
    assert.equal(line.split('"').length, 3, `one quoted request: ${line}`);
  }
  assert.equal(lines.filter((line) => / 400 \d+ /.test(line)).length, 3, lines.join('\n'));
});

test('access_log = false keeps the log to start-up lines and errors', async (t) => {
  const { server } = await startSampleServerWith(t, 'access_log = false\n');
  await get(`${server.url}/tiles.json`);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(accessLines(server), []);
});

// Requests with 1 KiB targets, one after another on a kept-alive connection:
// about 1.1 KB of log each.
async function longRequests(server, count) {
  const statuses = new Set();
  for (let i = 0; i < count; i++) statuses.add((await get(`${server.url}/no-such-page-${i}-${'x'.repeat(1000)}`)).status);
  return [...statuses];
}

test('a log reader that stops reading holds up no request, the loss is said, and the server still stops', async (t) => {
  const { server } = await startSampleServerWith(t, '');
  server.child.stderr.pause();  // nobody reads standard error: the pipe fills after 64 KiB
  const started = Date.now();
  assert.deepEqual(await longRequests(server, 5000), [404], 'every request answered');  // 5.5 MB of log against a 4 MiB buffer
  assert.ok(Date.now() - started < 60_000);
  server.child.stderr.resume();
  for (let i = 0; i < 100 && !server.log().includes('lines dropped'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(server.log(), /access log: \d+ lines dropped/);
  assert.equal(server.log().split('\n').filter((line) => line.startsWith('access ')).length < 5000, true);

  server.child.stderr.pause();
  await longRequests(server, 4000);
  const stopping = Date.now();
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  assert.equal(await exited, 0, 'a clean stop');
  assert.ok(Date.now() - stopping < 8_000, `stopped in ${Date.now() - stopping} ms with its log unread`);
  server.child.stderr.resume();
});
