// One kind of load must not starve another: while anonymous clients flood
// the static-map endpoint, the API and staff edits keep answering quickly,
// and static maps past their queue get 503 with Retry-After.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { investmap, query, sampleDatabase, send, startServer, workdir } from '../helpers.mjs';

const p99 = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.99)];
const timed = async (work) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

test('during a static-map flood, items?limit=1 p99 < 200 ms and a staff PATCH p99 < 500 ms', async (t) => {
  const db = sampleDatabase(workdir(t));
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '洪水测试').stdout.trim();
  const code = query(db, "SELECT code FROM parcels WHERE status = 'available' ORDER BY code LIMIT 1")[0].code;
  const server = await startServer(t, db);
  const staff = { Authorization: `Bearer ${token}` };
  const item = `${server.url}/api/collections/parcels/items/${code}`;

  const floodAgent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  const quietAgent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const statuses = new Map();
  let flooding = true;
  const flooder = async () => {
    while (flooding) {
      const title = Math.random().toString(36).slice(2);
      const response = await send(`${server.url}/static/1280x720.png?title=${title}`, { agent: floodAgent });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 503) assert.equal(response.headers['retry-after'], '1');
    }
  };
  const flood = Promise.all(Array.from({ length: 100 }, flooder));
  await new Promise((r) => setTimeout(r, 500));  // let the flood build up

  const reads = [];
  const edits = [];
  const until = performance.now() + 6000;
  for (let i = 0; performance.now() < until; i++) {
    const read = await timed(() => send(`${server.url}/api/collections/parcels/items?limit=1`, { agent: quietAgent }));
    assert.equal(read.result.status, 200);
    reads.push(read.ms);
    if (i % 4 === 0) {
      const edit = await timed(async () => {
        const current = await send(item, { headers: staff, agent: quietAgent });
        return send(item, { method: 'PATCH', headers: { ...staff, 'If-Match': current.headers.etag }, body: JSON.stringify({ rent_yuan_m2_month: 10 + (i % 50) }), agent: quietAgent });
      });
      assert.equal(edit.result.status, 200, String(edit.result.body));
      edits.push(edit.ms);
    }
  }
  flooding = false;
  await flood;
  floodAgent.destroy();
  quietAgent.destroy();

  const drawn = statuses.get(200) ?? 0;
  const refused = statuses.get(503) ?? 0;
  console.log(`flood: ${drawn} static maps drawn, ${refused} refused with 503; items?limit=1 p99 ${p99(reads).toFixed(1)} ms (${reads.length}), ` +
    `staff GET + PATCH p99 ${p99(edits).toFixed(1)} ms (${edits.length})`);
  assert.ok(drawn > 0 && refused > 0, `static maps: ${JSON.stringify([...statuses])}`);
  assert.ok(p99(reads) < 200, `items?limit=1 p99 ${p99(reads)} ms`);
  assert.ok(p99(edits) < 500, `staff GET + PATCH p99 ${p99(edits)} ms`);
});
