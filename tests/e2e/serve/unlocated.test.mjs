// The 待定位 list over HTTP (issue 21): parcels imported without a location
// are never public; staff list them and place each with a GeoJSON geometry,
// checked as an import checks one, audited, and in the very next tile.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { get, investmap, query, sampleDatabase, send, sha256, startServer, tileAt, workdir } from '../helpers.mjs';
import { decode, features } from './mvt_checks.mjs';

async function waitingServer(t) {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  writeFileSync(join(dir, 'addresses.csv'), '编号,名称,地址,类型,坐标\nA-1,城门厂房,仓山区城门镇1号,厂房,\nA-2,建新仓库,仓山区建新北路2号,厂房,\n');
  const imported = investmap('import', join(dir, 'addresses.csv'), '--db', db, '--allow-unlocated');
  assert.equal(imported.status, 0, imported.output);
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '王五').stdout.trim();
  return { db, token, server: await startServer(t, db) };
}

const place = (server, token, code, geometry) => send(`${server.url}/api/unlocated/${encodeURIComponent(code)}/geometry`, {
  method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/geo+json' },
  body: typeof geometry === 'string' ? geometry : JSON.stringify(geometry),
});

test('waiting parcels are listed for staff only and never public', async (t) => {
  const { token, server } = await waitingServer(t);
  assert.equal((await get(`${server.url}/api/unlocated`)).status, 401);
  const list = await get(`${server.url}/api/unlocated`, { Authorization: `Bearer ${token}` });
  assert.equal(list.status, 200);
  assert.deepEqual(JSON.parse(list.body).parcels.map((p) => [p.code, p.name, p.address, p.kind]),
    [['A-1', '城门厂房', '仓山区城门镇1号', 'factory'], ['A-2', '建新仓库', '仓山区建新北路2号', 'factory']]);
  assert.equal((await get(`${server.url}/api/collections/parcels/items/A-1`)).status, 404);
  assert.equal((await get(`${server.url}/api/collections/parcels/items/A-1`, { Authorization: `Bearer ${token}` })).status, 404);
});

test('a bad placement is refused naming what is wrong; a good one puts the parcel on the public map at once', async (t) => {
  const { db, token, server } = await waitingServer(t);
  const before = sha256(db);
  const square = [[119.30, 26.03], [119.302, 26.03], [119.302, 26.032], [119.30, 26.032], [119.30, 26.03]];
  const refusals = [
    [await place(server, token, 'A-1', '{"type":"Point","coordinates":'), 400, /not valid JSON/],
    [await place(server, token, 'A-1', { type: 'LineString', coordinates: square }), 400, /Point, Polygon or MultiPolygon/],
    [await place(server, token, 'A-1', { type: 'Point', coordinates: [2.35, 48.85] }), 400, /in China/],
    [await place(server, token, 'A-1', { type: 'Point', coordinates: ['x', 1] }), 400, /cannot be read/],
    [await place(server, token, 'A-1', { type: 'Polygon', coordinates: [[[119.3, 26.03], [119.31, 26.03], [119.3, 26.03]]] }), 400, /./],
    [await place(server, token, 'Z-9', { type: 'Point', coordinates: [119.3, 26.03] }), 404, /no parcel Z-9 waits/],
    [await place(server, 'imt_wrong', 'A-1', { type: 'Point', coordinates: [119.3, 26.03] }), 401, /./],
  ];
  for (const [response, status, pattern] of refusals) {
    assert.equal(response.status, status, response.body.toString());
    assert.match(JSON.parse(response.body).error.message, pattern);
  }
  assert.equal(sha256(db), before, 'nothing changed');

  const placed = await place(server, token, 'A-1', { type: 'Polygon', coordinates: [square] });
  assert.equal(placed.status, 201, placed.body.toString());
  const item = await get(`${server.url}/api/collections/parcels/items/A-1`);
  assert.equal(item.status, 200, 'public at once');
  const parcel = JSON.parse(item.body);
  assert.equal(parcel.properties.name, '城门厂房');
  assert.ok(Math.abs(parcel.properties.area_m2 - 44400) < 800, `the drawn outline's area: ${parcel.properties.area_m2}`);
  const { z, x, y } = tileAt(119.301, 26.031, 15);
  const tile = await get(`${server.url}/tiles/${z}/${x}/${y}.mvt`);
  assert.ok(features(decode(tile.body), 'parcels').some((f) => f.properties.code === 'A-1'), 'in the very next tile');
  assert.deepEqual(query(db, "SELECT action, actor, changes FROM audit_events WHERE parcel_code = 'A-1' ORDER BY id"),
    [{ action: 'import', actor: 'import:addresses.csv', changes: '{"created":true,"unlocated":true}' },
     { action: 'edit', actor: '王五', changes: '{"geometry":"added"}' }]);
  const list = JSON.parse((await get(`${server.url}/api/unlocated`, { Authorization: `Bearer ${token}` })).body);
  assert.deepEqual(list.parcels.map((p) => p.code), ['A-2']);
  assert.equal((await place(server, token, 'A-1', { type: 'Point', coordinates: [119.3, 26.03] })).status, 404, 'placed once only');
});
