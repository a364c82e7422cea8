// Re-imports upsert by code: unchanged rows stay untouched, changed rows are
// updated with an audit event listing old and new values, and columns the new
// source lacks keep their stored values. --replace starts over.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { investmap, query, scalar, squareFeature, workdir, writeGeoJSON } from '../helpers.mjs';

const parcel = (code, extra = {}) => squareFeature({ 地块编号: code, 类型: '厂房', 状态: '闲置', 租金: 20, 联系人: '陈先生', ...extra }, 119.30 + Number(code.slice(2)) / 100, 26.03);

function importOk(source, db, ...args) {
  const result = investmap('import', source, '--db', db, ...args);
  assert.equal(result.status, 0, result.output);
  return result.stdout;
}

test('a second import of the same file changes nothing, not even the data version', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeGeoJSON(join(dir, 'a.geojson'), [parcel('F-1'), parcel('F-2')]);
  importOk(join(dir, 'a.geojson'), db);
  const version = scalar(db, "SELECT value FROM meta WHERE key = 'data_version'");
  assert.match(importOk(join(dir, 'a.geojson'), db), /新增 inserted 0 · 更新 updated 0 · 未变 unchanged 2/);
  assert.equal(scalar(db, "SELECT value FROM meta WHERE key = 'data_version'"), version);
  assert.equal(scalar(db, 'SELECT count(*) FROM audit_events'), 2);
});

test('a changed row is updated with an audit event; a column the source lacks keeps its value', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeGeoJSON(join(dir, 'a.geojson'), [parcel('F-1'), parcel('F-2')]);
  importOk(join(dir, 'a.geojson'), db);
  // The second delivery moves F-1 into negotiation at a new rent and has no contact column.
  const second = [parcel('F-1', { 状态: '在谈', 租金: 18 }), parcel('F-2')].map((f) => {
    delete f.properties.联系人;
    return f;
  });
  writeGeoJSON(join(dir, 'b.geojson'), second);
  assert.match(importOk(join(dir, 'b.geojson'), db), /更新 updated 1 · 未变 unchanged 1/);
  const [f1] = query(db, "SELECT status, rent_yuan_m2_month AS rent, contact, version, updated_by FROM parcels WHERE code = 'F-1'");
  assert.deepEqual(f1, { status: 'negotiating', rent: 18, contact: '陈先生', version: 2, updated_by: 'import:b.geojson' });
  const [event] = query(db, "SELECT action, from_status, to_status, changes FROM audit_events WHERE parcel_code = 'F-1' ORDER BY id DESC LIMIT 1");
  assert.equal(event.action, 'import');
  assert.equal(event.from_status, 'available');
  assert.equal(event.to_status, 'negotiating');
  assert.deepEqual(JSON.parse(event.changes), { status: ['available', 'negotiating'], rent_yuan_m2_month: [20, 18] });
});

test('--replace removes parcels the new source does not have', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeGeoJSON(join(dir, 'a.geojson'), [parcel('F-1'), parcel('F-2'), parcel('F-3')]);
  writeGeoJSON(join(dir, 'b.geojson'), [parcel('F-2')]);
  importOk(join(dir, 'a.geojson'), db);
  assert.match(importOk(join(dir, 'b.geojson'), db, '--replace'), /新增 inserted 1 .* 删除 removed 3/);
  assert.deepEqual(query(db, 'SELECT code FROM parcels'), [{ code: 'F-2' }]);
  assert.equal(scalar(db, "SELECT count(*) FROM audit_events WHERE action = 'remove'"), 3);
  assert.equal(scalar(db, 'SELECT count(*) FROM idx_parcels_geom'), 1);
  assert.equal(scalar(db, "SELECT rtreecheck('idx_parcels_geom')"), 'ok');
});

test('several sources load in one transaction', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'd.sqlite');
  writeGeoJSON(join(dir, 'land.geojson'), [parcel('F-1', { 类型: '土地' })]);
  writeGeoJSON(join(dir, 'factories.geojson'), [parcel('F-2')]);
  assert.match(importOk(join(dir, 'land.geojson'), db, join(dir, 'factories.geojson')), /读取 read 2 · 新增 inserted 2/);
});
