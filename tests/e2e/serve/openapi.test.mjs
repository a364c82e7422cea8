// The API describes itself: the landing page's service-desc is an OpenAPI
// 3.0 document that @apidevtools/swagger-parser validates, and it says
// exactly what the server takes: every query parameter it lists for an
// operation is accepted there, every other one is a 400 naming it. The
// queryables (OGC API – Features Part 3) filter as query parameters.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { fileScope, get, investmap, query, sampleDatabase, send, startServer, tileAt, workdir } from '../helpers.mjs';

const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

async function json(url, headers) {
  const response = await get(url, headers);
  assert.equal(response.status, 200, `${url}: ${response.body}`);
  return JSON.parse(response.body.toString());
}

function staffToken(db) {
  const result = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', 'openapi-test');
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

// One server for the file: the tests only read (a refused PATCH changes nothing).
let shared;
const scope = fileScope();
before(async () => {
  const db = sampleDatabase(workdir(scope));
  shared = { db, server: await startServer(scope, db), token: staffToken(db) };
});
const server = async () => shared;

// A value of the parameter the server must accept, from its schema alone
// (an enum's first value, a bound, a format), except where the schema
// cannot say it: a park of the sample, a bbox around it.
function validValue(parameter, sample) {
  const schema = parameter.schema;
  const item = schema.type === 'array' ? schema.items : schema;
  if (parameter.name === 'park') return sample.park;
  if (parameter.name === 'bbox') return '119.2,25.9,119.4,26.1';
  if (parameter.name === 'center') return '119.29,26.03';
  if (item.enum) return String(item.enum[0]);
  if (item.pattern === '^[RABMWSUGHE][0-9]{0,2}$') return 'M1';
  if (item.format === 'date') return '2027-01-01';
  if (item.type === 'integer' || item.type === 'number') return String(item.minimum ?? 0);
  if (item.type === 'string') return 'A';
  throw new Error(`no value for ${parameter.name}`);
}

// Parameters that need another one beside them (the document says so in words).
const COMPANIONS = { min_fit: ['industry'], center: ['zoom'], zoom: ['center'] };

test('the landing page links the OpenAPI definition and its HTML documentation; swagger-parser validates the definition', async (t) => {
  const { server: s } = await server(t);
  const landing = await json(`${s.url}/api`);
  const desc = landing.links.find((link) => link.rel === 'service-desc');
  assert.equal(desc?.type, OPENAPI_TYPE);
  const response = await get(desc.href);
  assert.equal(response.status, 200);
  assert.equal(response.headers['content-type'], OPENAPI_TYPE);
  const document = JSON.parse(response.body.toString());
  assert.equal(document.openapi, '3.0.3');
  assert.equal(document.servers[0].url, s.url);
  await SwaggerParser.validate(structuredClone(document));

  const doc = landing.links.find((link) => link.rel === 'service-doc');
  assert.equal(doc?.type, 'text/html');
  const page = await get(doc.href);
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);

  const conformance = await json(`${s.url}/api/conformance`);
  for (const suffix of ['ogcapi-features-1/1.0/conf/oas30', 'ogcapi-features-3/1.0/conf/queryables',
                        'ogcapi-features-3/1.0/conf/queryables-query-parameters']) {
    assert.ok(conformance.conformsTo.includes(`http://www.opengis.net/spec/${suffix}`), suffix);
  }
});

test('the filters carry the vocabulary and the industries in force; staff operations need the bearer token', async (t) => {
  const { server: s } = await server(t);
  const api = await SwaggerParser.dereference(await json(`${s.url}/api/openapi`));
  const vocabulary = await json(`${s.url}/api/vocabulary`);
  const industries = (await json(`${s.url}/api/industries`)).industries.map((industry) => industry.id);
  const items = api.paths['/api/collections/parcels/items'].get;
  const parameter = (name) => items.parameters.find((p) => p.name === name);
  assert.deepEqual(parameter('status').schema.items.enum, vocabulary.statuses.map((status) => status.code));
  assert.deepEqual(parameter('kind').schema.items.enum, vocabulary.kinds.map((kind) => kind.code));
  assert.deepEqual(parameter('industry').schema.enum, industries);
  assert.equal(parameter('limit').schema.maximum, 10000);
  assert.deepEqual(parameter('status').style, 'form');
  assert.equal(parameter('status').explode, false);
  for (const filter of vocabulary.filters) {
    for (const path of ['/api/collections/parcels/items', '/tiles/{z}/{x}/{y}.mvt', '/tiles.json', '/styles/{style}.json',
                        '/api/stats', '/static/{image}']) {
      assert.ok(api.paths[path].get.parameters.some((p) => p.name === filter.name), `${path} lists ${filter.name}`);
    }
  }
  assert.equal(api.components.securitySchemes.bearer.scheme, 'bearer');
  const edit = api.paths['/api/collections/parcels/items/{code}'].patch;
  assert.deepEqual(edit.security, [{ bearer: [] }]);
  assert.ok(edit.parameters.some((p) => p.in === 'header' && p.name === 'If-Match' && p.required));
  assert.ok(edit.responses['428'] && edit.responses['412']);
  const error = edit.responses['400'].content['application/json'].schema;
  assert.deepEqual(error.required, ['error']);
  assert.deepEqual(error.properties.error.required, ['code', 'message']);
});

test('every query parameter an operation lists is accepted, and no other one', async (t) => {
  const { db, server: s, token } = await server(t);
  const api = await SwaggerParser.dereference(await json(`${s.url}/api/openapi`));
  const [sample] = query(db, "SELECT code, park FROM parcels WHERE status = 'available' AND park IS NOT NULL ORDER BY code LIMIT 1");
  const industry = (await json(`${s.url}/api/industries`)).industries[0].id;
  const tile = tileAt(119.29, 26.03, 13);
  const pathValues = { code: sample.code, z: tile.z, x: tile.x, y: tile.y, style: 'status', image: '200x100.png',
                       fontstack: 'Noto Sans CJK SC Regular', range: '0-255', name: `${'0'.repeat(64)}.jpg`, hash: '0'.repeat(64) };
  const allNames = new Set(Object.values(api.components.parameters).map((p) => p.name));
  allNames.add('bogus');
  let checked = 0;
  for (const [template, operations] of Object.entries(api.paths)) {
    const get_ = operations.get;
    if (!get_) continue;
    const path = template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(pathValues[name]));
    const headers = get_.security.some((scheme) => Object.keys(scheme).length === 0) ? {} : { Authorization: `Bearer ${token}` };
    // The style that needs an industry needs it always: style=status keeps the path valid alone.
    const url = (params) => `${s.url}${path}${params.length ? `?${new URLSearchParams(params)}` : ''}`;
    const baseline = (await get(url([]), headers)).status;
    assert.ok([200, 404].includes(baseline), `${template}: ${baseline}`);
    const listed = get_.parameters.filter((p) => p.in === 'query');
    for (const parameter of listed) {
      const params = [[parameter.name, validValue(parameter, sample)]];
      for (const companion of COMPANIONS[parameter.name] ?? []) {
        params.push([companion, companion === 'industry' ? industry : validValue(listed.find((p) => p.name === companion), sample)]);
      }
      const response = await get(url(params), headers);
      assert.equal(response.status, baseline, `${template}?${new URLSearchParams(params)}: ${response.body}`);
      checked += 1;
    }
    for (const name of allNames) {
      if (listed.some((p) => p.name === name)) continue;
      const response = await get(url([[name, 'x']]), headers);
      assert.equal(response.status, 400, `${template}?${name}=x is not in the document, yet answered ${response.status}`);
      assert.match(JSON.parse(response.body.toString()).error.message, new RegExp(name), `${template}: the error names ${name}`);
    }
  }
  assert.ok(checked > 60, `${checked} listed parameters tried`);

  // Writes check their parameters too, before they change anything.
  const item = await send(`${s.url}/api/collections/parcels/items/${sample.code}`, { headers: { Authorization: `Bearer ${token}` } });
  const patched = await send(`${s.url}/api/collections/parcels/items/${sample.code}?status=signed`, {
    method: 'PATCH', body: JSON.stringify({ status: 'negotiating' }),
    headers: { Authorization: `Bearer ${token}`, 'If-Match': item.headers.etag, 'Content-Type': 'application/merge-patch+json' },
  });
  assert.equal(patched.status, 400);
  assert.equal(query(db, `SELECT status FROM parcels WHERE code = '${sample.code}'`)[0].status, 'available');
});

test('the queryables are the properties their query parameters filter on, with the enums the caller may use', async (t) => {
  const { db, server: s, token } = await server(t);
  const collection = await json(`${s.url}/api/collections/parcels`);
  const link = collection.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables');
  assert.equal(link?.type, 'application/schema+json');
  const response = await get(link.href);
  assert.equal(response.headers['content-type'], 'application/schema+json');
  const schema = JSON.parse(response.body.toString());
  assert.deepEqual(Object.keys(schema.properties).sort(), ['kind', 'land_use', 'park', 'status']);
  assert.deepEqual(schema.properties.status.enum, ['available', 'negotiating']);
  const parks = query(db, "SELECT DISTINCT park FROM parcels WHERE park IS NOT NULL AND status IN ('available','negotiating') ORDER BY park");
  assert.deepEqual([...schema.properties.park.enum].sort(), parks.map((row) => row.park));
  const staff = await json(link.href, { Authorization: `Bearer ${token}` });
  assert.equal(staff.properties.status.enum.length, 6);

  // Each queryable as a query parameter: name=value keeps exactly the parcels whose property is value.
  for (const [name, value] of [['status', 'negotiating'], ['kind', 'factory'], ['park', schema.properties.park.enum[0]], ['land_use', 'M1']]) {
    const page = await json(`${s.url}/api/collections/parcels/items?${name}=${encodeURIComponent(value)}&limit=10000`);
    const expected = query(db, `SELECT count(*) AS n FROM parcels WHERE status IN ('available','negotiating') AND ${name} = '${value}'`)[0].n;
    assert.ok(expected > 0, `the sample has ${name} = ${value}`);
    assert.equal(page.numberMatched, expected, `${name}=${value}`);
    assert.ok(page.features.every((feature) => feature.properties[name] === value), `${name}=${value}`);
  }
});
