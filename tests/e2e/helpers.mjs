// Shared helpers for the end-to-end tests: run the real binaries, make files
// with GDAL's own tools, read the database with the sqlite3 shell.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export const INVESTMAP = process.env.INVESTMAP ?? 'build/cli/investmap';
export const GENERATOR = process.env.INVESTMAP_GENERATOR ?? 'build/data/generator/investmap-generate-district';
export const SOURCE_DIR = process.env.INVESTMAP_SOURCE ?? process.cwd();
export const SAMPLE = join(SOURCE_DIR, 'data', 'sample');
// Where pictures the tests make (screenshots, QGIS renders) are kept to look at.
export const ARTIFACTS = process.env.INVESTMAP_ARTIFACTS ?? join(tmpdir(), 'investmap-artifacts');

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

// The first parcel matching `where` (SQL after WHERE, ORDER BY allowed):
// its code, name and the centre of its bounding box.
export function parcelWhere(db, where) {
  return query(db, `SELECT code, name, (MbrMinX(geom) + MbrMaxX(geom)) / 2 AS lon, (MbrMinY(geom) + MbrMaxY(geom)) / 2 AS lat FROM parcels WHERE ${where} LIMIT 1`)[0];
}

export function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

// A temporary folder removed when the test ends.
// For the tests of a file that share one server or browser: pass it where a
// test's `t` goes (workdir, startServer, launchBrowser); what is registered
// on it is undone after the file's last test, in reverse order.
export function fileScope() {
  const scope = { cleanups: [], after(fn) { this.cleanups.push(fn); } };
  after(async () => { for (const cleanup of scope.cleanups.reverse()) await cleanup(); });
  return scope;
}

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

// Starts `investmap serve` on a free loopback port; stopped (SIGTERM) when the
// test ends, and the test fails if it does not stop cleanly.
export async function startServer(t, db, ...args) {
  return startWrappedServer(t, db, [], ...args);
}

// A server on a fresh copy of the sample district with `settings` (TOML text)
// as its config file: { db, server }.
export async function startSampleServerWith(t, settings) {
  const dir = workdir(t);
  writeFileSync(join(dir, 'serve.toml'), settings);
  const db = sampleDatabase(dir);
  return { db, server: await startServer(t, db, '--config', join(dir, 'serve.toml')) };
}

// The same, run through `wrapper` (e.g. ['prlimit', '--nofile=256:256']).
export async function startWrappedServer(t, db, wrapper, ...args) {
  return startServerBinary(t, [...wrapper, INVESTMAP], db, ...args);
}

// `investmap serve` of another binary (e.g. an installed one): `program` is
// the command up to the binary.
export async function startServerBinary(t, program, db, ...args) {
  const { spawn } = await import('node:child_process');
  const threads = args.includes('--threads') ? [] : ['--threads', '2'];
  const command = [...program, 'serve', '--db', db, '--listen', '127.0.0.1:0', ...threads, ...args];
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    // A server that never says where it listens is stopped, or it would keep
    // the test run alive until its overall timeout.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${log}`));
    }, 10_000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  t.after(async () => {
    child.kill('SIGTERM');
    const { code } = await exited;
    if (code !== 0) throw new Error(`server did not stop cleanly (${code}): ${log}`);
  });
  return { url: `http://127.0.0.1:${port}`, port, log: () => log, child };
}

// Waits until the server's memory index is of the database's data version
// (it is built in the background after start and after each change).
export async function waitForMemoryIndex(server, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = JSON.parse((await get(`${server.url}/healthz`)).body);
    if (health.memory_index?.up_to_date) return health.memory_index;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the memory index was not built in time');
}

// A raw GET: no automatic decompression, headers as sent.
export async function get(url, headers = {}) {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

// A request with any method and body; resolves to status, headers and the
// body as a Buffer. Keep-alive connections are shared unless `agent` is given.
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });
export function send(url, { method = 'GET', headers = {}, body, agent = keepAlive } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

// Loads the sample district into a new database in `dir`.
export function sampleDatabase(dir) {
  const db = join(dir, 'sample.sqlite');
  const parcels = investmap('import', join(SAMPLE, 'parcels.geojson'), '--db', db);
  if (parcels.status !== 0) throw new Error(parcels.output);
  for (const layer of ['boundary', 'roads', 'parks', 'water']) {
    const context = investmap('import-context', join(SAMPLE, `${layer}.geojson`), '--db', db, '--as', layer);
    if (context.status !== 0) throw new Error(context.output);
  }
  return db;
}

// Tile numbers of a lon/lat at zoom z (the slippy-map formula).
export function tileAt(lon, lat, z) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

// The tile's lon/lat bounds, grown by `buffer` of `extent` units on each side.
export function tileBounds({ z, x, y }, buffer = 0, extent = 4096) {
  const n = 2 ** z;
  const grow = buffer / extent;
  const lon = (tx) => (tx / n) * 360 - 180;
  const lat = (ty) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return { west: lon(x - grow), east: lon(x + 1 + grow), north: lat(y - grow), south: lat(y + 1 + grow) };
}
