// The committed sample district loads as scripts/demo.sh loads it, and the
// command line lists only the commands that work.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE, investmap, query, scalar, workdir } from '../helpers.mjs';

test('the sample district imports with all its context layers', (t) => {
  const db = join(workdir(t), 'sample.sqlite');
  const parcels = investmap('import', join(SAMPLE, 'parcels.geojson'), '--db', db);
  assert.equal(parcels.status, 0, parcels.output);
  for (const layer of ['boundary', 'roads', 'parks', 'water']) {
    const result = investmap('import-context', join(SAMPLE, `${layer}.geojson`), '--db', db, '--as', layer);
    assert.equal(result.status, 0, `${layer}: ${result.output}`);
  }
  assert.equal(scalar(db, 'SELECT count(*) FROM parcels'), 320);
  const kinds = query(db, 'SELECT kind, count(*) AS n FROM parcels GROUP BY kind ORDER BY kind');
  assert.deepEqual(kinds.map((k) => k.kind), ['factory', 'land', 'office']);
  assert.equal(scalar(db, "SELECT count(*) FROM context_features WHERE layer = 'boundary'"), 14);
  assert.equal(scalar(db, "SELECT count(*) FROM context_features WHERE layer = 'roads' AND GeometryType(geom) LIKE '%LINESTRING'"),
    scalar(db, "SELECT count(*) FROM context_features WHERE layer = 'roads'"));
  // Every parcel lies inside Cangshan District's real boundary.
  assert.equal(scalar(db, `SELECT count(*) FROM parcels p WHERE NOT EXISTS (
      SELECT 1 FROM context_features b WHERE b.layer = 'boundary' AND ST_Intersects(b.geom, p.geom))`), 0);
});

test('roads must be lines and the boundary polygons', (t) => {
  const db = join(workdir(t), 'x.sqlite');
  const result = investmap('import-context', join(SAMPLE, 'parks.geojson'), '--db', db, '--as', 'roads');
  assert.equal(result.status, 1);
  assert.match(result.stderr, /cannot be used as roads/);
});

test('--help lists exactly the working commands', () => {
  const help = investmap('--help');
  assert.equal(help.status, 0);
  for (const command of ['import', 'import-context', 'serve', 'token', 'render', 'backup']) assert.match(help.stdout, new RegExp(`\\n  ${command} `));
});
