// Shared helpers for the end-to-end tests: run the real binaries, make files
// with GDAL's own tools, read the database with the sqlite3 shell.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INVESTMAP = process.env.INVESTMAP ?? 'build/cli/investmap';
export const GENERATOR = process.env.INVESTMAP_GENERATOR ?? 'build/data/generator/investmap-generate-district';
export const SOURCE_DIR = process.env.INVESTMAP_SOURCE ?? process.cwd();
export const SAMPLE = join(SOURCE_DIR, 'data', 'sample');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

export const investmap = (...args) => run(INVESTMAP, args);

export function generate(...args) {
  const result = run(GENERATOR, args);
  if (result.status !== 0) throw new Error(`generator failed: ${result.output}`);
}

export function ogr2ogr(...args) {
  const result = run('ogr2ogr', args);
  if (result.status !== 0) throw new Error(`ogr2ogr ${args.join(' ')} failed: ${result.output}`);
}

// Rows of a query as objects; SpatiaLite is loaded for geometry functions.
export function query(db, sql) {
  const result = run('sqlite3', ['-json', '-cmd', '.load mod_spatialite', db, sql]);
  if (result.status !== 0) throw new Error(`sqlite3 failed on ${sql}: ${result.output}`);
  return result.stdout.trim() ? JSON.parse(result.stdout) : [];
}

export const scalar = (db, sql) => Object.values(query(db, sql)[0])[0];

export function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

// A temporary folder removed when the test ends.
export function workdir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'investmap-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeGeoJSON(file, features) {
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
}

// A small square parcel at lon/lat, `size` degrees wide.
export function squareFeature(properties, lon, lat, size = 0.002) {
  return {
    type: 'Feature',
    properties,
    geometry: {
      type: 'Polygon',
      coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
    },
  };
}
