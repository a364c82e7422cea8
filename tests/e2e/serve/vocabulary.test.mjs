// GET /api/vocabulary: the domain's words as this server uses them, in
// both languages, with the deployment's public statuses and parcel zoom,
// and the same words and colours the styles, filters and edits use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { get, sampleDatabase, startSampleServerWith, startServer, workdir } from '../helpers.mjs';

const json = async (url, headers) => {
  const response = await get(url, headers);
  return { ...response, doc: response.status === 200 ? JSON.parse(response.body) : null };
};

test('the vocabulary comes in Chinese and English, cached by ETag, and refuses bad parameters', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const zh = await json(`${server.url}/api/vocabulary`);
  const en = await json(`${server.url}/api/vocabulary?lang=en`);
  assert.equal(zh.status, 200);
  assert.match(zh.headers['content-type'], /application\/json/);
  assert.equal(zh.doc.lang, 'zh');
  assert.equal(en.doc.lang, 'en');
  assert.deepEqual(zh.doc.statuses.map((s) => s.code), en.doc.statuses.map((s) => s.code));
  assert.equal(zh.doc.statuses.find((s) => s.code === 'negotiating').label, '洽谈中');
  assert.equal(en.doc.statuses.find((s) => s.code === 'negotiating').label, 'in negotiation');
  assert.equal(en.doc.fields.find((f) => f.name === 'rent_yuan_m2_month').unit, 'yuan/m²/month');
  assert.equal(zh.doc.mu.label, '亩');
  const again = await get(`${server.url}/api/vocabulary`, { 'If-None-Match': zh.headers.etag });
  assert.equal(again.status, 304);
  assert.notEqual(zh.headers.etag, en.headers.etag);
  assert.equal((await get(`${server.url}/api/vocabulary?lang=fr`)).status, 400);
  assert.equal((await get(`${server.url}/api/vocabulary?status=available`)).status, 400);
  assert.equal((await get(`${server.url}/api/vocabulary?lang=zh&lang=en`)).status, 400);
});

test('the vocabulary follows the config and agrees with the styles, the filters and the edits', async (t) => {
  const { server } = await startSampleServerWith(t, 'parcel_zoom = 12\npublic_statuses = ["available", "reserved"]\n');
  const { doc } = await json(`${server.url}/api/vocabulary`);
  assert.equal(doc.parcel_zoom, 12);
  assert.deepEqual(doc.statuses.filter((s) => s.public).map((s) => s.code), ['available', 'reserved']);

  // The status style colours and names what the vocabulary says is public.
  const style = (await json(`${server.url}/styles/status.json`)).doc;
  const legend = style.metadata['investmap:legend'][0].items;
  assert.deepEqual(legend.map((item) => item.value), ['available', 'reserved']);
  for (const item of legend) {
    const status = doc.statuses.find((s) => s.code === item.value);
    assert.equal(item.color, status.color);
    assert.equal(item.label, status.label);
  }

  // Every filter it names is one the items endpoint takes; a made-up one is not.
  const sample = { industries: 'electronics', statuses: 'available', kinds: 'land', land_uses: 'M1', parks: 'x', number: '1',
                   date: '2030-01-01', text: 'x', industry: 'electronics', score: '50' };
  for (const filter of doc.filters) {
    const value = sample[filter.type];
    assert.ok(value, `a sample value for ${filter.type}`);
    const extra = filter.name === 'min_fit' ? '&industry=electronics' : '';
    const response = await get(`${server.url}/api/collections/parcels/items?limit=1&${filter.name}=${value}${extra}`);
    assert.equal(response.status, 200, `${filter.name}: ${response.body}`);
  }
  assert.equal((await get(`${server.url}/api/collections/parcels/items?made_up=1`)).status, 400);
  for (const kind of doc.kinds) {
    assert.equal((await get(`${server.url}/api/collections/parcels/items?limit=1&kind=${kind.code}`)).status, 200);
  }
});
