// investmap as a bureau's IT contractor puts it online: deploy/investmap.toml
// behind deploy/nginx-investmap.conf with TLS (a self-signed certificate
// made here), under https://127.0.0.1:PORT/heatmap/. Chromium, the staff
// page and GDAL's OAPIF driver all go through nginx, as visitors would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { SOURCE_DIR, investmap, parcelWhere, sampleDatabase, scalar, startServer, tileAt, workdir } from '../helpers.mjs';
import { launchBrowser, mapIdle, openPage, paintedShare, screenshot } from '../web/browser.mjs';
import { freePort, nginxConfig, selfSignedCertificate, siteFor, startNginx } from './nginx_site.mjs';

// deploy/investmap.toml with this site's address and a media folder of the test's.
function deployedConfig(dir, site) {
  const shipped = readFileSync(join(SOURCE_DIR, 'deploy', 'investmap.toml'), 'utf8');
  const config = shipped
    .replace('public_url = "https://zsdt.example.gov.cn/heatmap/"', `public_url = "${site}"`)
    .replace('media_dir = "/var/lib/investmap/media"', `media_dir = "${join(dir, 'media')}"`);
  assert.ok(config.includes(site) && config.includes(join(dir, 'media')), 'deploy/investmap.toml still has public_url and media_dir');
  writeFileSync(join(dir, 'investmap.toml'), config);
  return join(dir, 'investmap.toml');
}

// One deployment for every test here.
async function deploy(t) {
  const dir = workdir(t);
  chmodSync(dir, 0o755);  // nginx's workers (nobody, when the tests run as root) read and write below it
  const { cert, key } = selfSignedCertificate(dir);
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const site = `https://127.0.0.1:${httpsPort}/heatmap/`;
  const db = sampleDatabase(dir);
  const server = await startServer(t, db, '--config', deployedConfig(dir, site));
  const nginx = nginxConfig(dir, siteFor({ dir, upstreamPort: server.port, httpsPort, httpPort, cert, key }));
  await startNginx(t, dir, nginx, httpsPort);
  return { dir, db, server, site, cert, ca: readFileSync(cert) };
}

// A GET over HTTPS that trusts only the test's certificate; no decompression.
function fetchHttps(url, ca, headers = {}) {
  return new Promise((resolve, reject) => {
    // The certificate is checked against the URL's host, not a Host header the test sends.
    const checkServerIdentity = (_, cert) => tls.checkServerIdentity(new URL(url).hostname, cert);
    https.get(url, { ca, headers, checkServerIdentity }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('documents through nginx name the HTTPS site, never a Host a client made up', async (t) => {
  const { site, ca, server } = await deploy(t);
  for (const headers of [{}, { Host: 'evil.example' }, { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' }]) {
    for (const path of ['tiles.json', 'styles/heat.json', 'api', 'api/collections/parcels/items?limit=2']) {
      const response = await fetchHttps(`${site}${path}`, ca, headers);
      assert.equal(response.status, 200, `${path}: ${response.body}`);
      const body = response.body.toString();
      assert.doesNotMatch(body, /evil\.example|http:\/\//, `${path} with ${JSON.stringify(headers)}`);
    }
  }
  const tilejson = JSON.parse((await fetchHttps(`${site}tiles.json`, ca)).body);
  assert.equal(tilejson.tiles[0], `${site}tiles/{z}/{x}/{y}.mvt`);
  const page = await fetchHttps(site, ca);
  assert.equal(page.headers['strict-transport-security'], 'max-age=31536000');
  assert.match(page.body.toString(), /<base href="\/heatmap\/">/);
  // nginx appends the peer to X-Forwarded-For: a client cannot pass itself off as another.
  await fetchHttps(`${site}healthz`, ca, { 'X-Forwarded-For': '198.51.100.7' });
  await new Promise((r) => setTimeout(r, 100));
  const line = server.log().split('\n').find((l) => l.includes('"GET /healthz"'));
  assert.match(line ?? '', /^access \S+ 127\.0\.0\.1 "GET \/healthz" 200 /, server.log());
});

test('nginx keeps public tiles, passes investmap\'s gzip through, and never caches a staff tile', async (t) => {
  const { site, ca, db } = await deploy(t);
  const parcel = parcelWhere(db, "status = 'available'");
  const { z, x, y } = tileAt(parcel.lon, parcel.lat, 14);
  const url = `${site}tiles/${z}/${x}/${y}.mvt`;
  const first = await fetchHttps(url, ca, { 'Accept-Encoding': 'gzip' });
  const second = await fetchHttps(url, ca, { 'Accept-Encoding': 'gzip' });
  assert.equal(first.headers['x-cache-status'], 'MISS');
  assert.equal(second.headers['x-cache-status'], 'HIT');
  assert.equal(second.headers['content-encoding'], 'gzip');
  const plain = await fetchHttps(url, ca);
  assert.equal(plain.headers['content-encoding'], undefined, 'a client that did not ask for gzip gets plain bytes');
  assert.deepEqual(plain.body, zlib.gunzipSync(second.body));
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '赵六').stdout.trim();
  for (let i = 0; i < 2; i++) {
    const staff = await fetchHttps(url, ca, { Authorization: `Bearer ${token}` });
    assert.equal(staff.status, 200);
    assert.equal(staff.headers['x-cache-status'], 'BYPASS', 'staff tiles (every status) go to investmap each time');
  }
  assert.equal((await fetchHttps(url, ca, { 'Accept-Encoding': 'gzip' })).headers['x-cache-status'], 'HIT', 'the public one is still the public one');
});

test('Chromium: the map draws over HTTPS without a mixed-content warning, and a parcel opens', async (t) => {
  const { site, db } = await deploy(t);
  const browser = await launchBrowser(t, ['--ignore-certificate-errors']);
  const { page, errors } = await openPage(browser);
  const warnings = [];
  page.on('console', (message) => { if (/mixed content|insecure/i.test(message.text())) warnings.push(message.text()); });
  const outside = [];
  page.on('request', (request) => { if (!request.url().startsWith(site) && !/^(blob|data):/.test(request.url())) outside.push(request.url()); });
  const parcel = parcelWhere(db, "status = 'available' AND kind = 'land' ORDER BY area_m2 DESC");
  await page.goto(`${site}?layer=status&map=16/${parcel.lat}/${parcel.lon}`);
  await mapIdle(page);
  assert.ok(await paintedShare(page) > 0.05, 'parcels drawn');
  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('#panel:not([hidden])');
  assert.match(await page.textContent('#panel-body'), new RegExp(parcel.code));
  await page.click('#share-button');
  assert.ok((await page.inputValue('#share-link')).startsWith(`${site}?`), 'the share link is the HTTPS site');
  await screenshot(page, 'deploy-https-viewer');
  assert.deepEqual(warnings, []);
  assert.deepEqual(outside, [], 'every request went to the HTTPS site');
  assert.deepEqual(errors, []);
});

test('the staff page signs in and saves an edit through nginx', async (t) => {
  const { site, db } = await deploy(t);
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '王五').stdout.trim();
  const parcel = parcelWhere(db, "status = 'available' AND kind = 'land'");
  const browser = await launchBrowser(t, ['--ignore-certificate-errors']);
  const { page, errors } = await openPage(browser);
  await page.goto(`${site}admin`);
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#workspace:not([hidden])');
  await page.fill('#q', parcel.code);
  await page.click('#search button[type=submit]');
  await page.click(`#results button[data-code="${parcel.code}"]`);
  await page.waitForSelector(`#parcel-title:has-text("${parcel.code}")`);
  await page.selectOption('#status', 'negotiating');
  await page.fill('#note', '经反向代理 through the proxy');
  await page.click('#edit-form button[type=submit]');
  await page.waitForSelector('#edit-message:has-text("saved")');
  assert.equal(scalar(db, `SELECT status FROM parcels WHERE code = '${parcel.code}'`), 'negotiating');
  assert.deepEqual(errors, []);
});

test('GDAL\'s OAPIF driver reads every public parcel through https://…/heatmap/api', async (t) => {
  const { dir, site, cert, db } = await deploy(t);
  const out = join(dir, 'parcels.geojson');
  const result = spawnSync('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${site}api`, 'parcels'],
    { encoding: 'utf8', env: { ...process.env, CURL_CA_BUNDLE: cert, GDAL_HTTP_TIMEOUT: '30' } });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const features = JSON.parse(readFileSync(out, 'utf8')).features;
  const expected = scalar(db, "SELECT count(*) FROM parcels WHERE status IN ('available', 'negotiating')");
  assert.equal(features.length, expected);
  assert.equal(new Set(features.map((f) => f.properties.code)).size, expected, 'each once: the next links stayed on the site');
});
