// The investor map in headless Chromium against the real server and the
// sample district: it draws, filters, opens parcels, shares, embeds and
// fits a phone. Screenshots are kept as artefacts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileScope, parcelWhere, query, sampleDatabase, startSampleServerWith, startServer, workdir } from '../helpers.mjs';
import { launchBrowser, mapIdle, openPage, paintedShare, screenshot } from './browser.mjs';

// One server and one browser for every test here: the page is what varies.
// node:test's hooks take the same context API the helpers use (t.after).
let shared;
const hooks = fileScope();
before(async () => {
  const db = sampleDatabase(workdir(hooks));
  const server = await startServer(hooks, db);
  const browser = await launchBrowser(hooks);
  shared = { db, server, browser };
});
const setup = async () => shared;

test('the map loads without errors and draws parcels; choosing an industry filters counts and tiles', async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await openPage(browser);
  const tileRequests = [];
  page.on('request', (request) => { if (request.url().includes('/tiles/')) tileRequests.push(request.url()); });
  await page.goto(`${server.url}/`);
  await mapIdle(page);
  await page.waitForSelector('#summary:not(:empty)');
  assert.ok(await paintedShare(page) > 0.05, 'the heat and context cover part of the map');
  const before = await page.textContent('#summary');
  await screenshot(page, 'viewer-heat');

  await page.selectOption('#f-industry', 'electronics');
  await mapIdle(page);
  tileRequests.length = 0;
  await page.locator('#f-min-fit').fill('60');
  await page.locator('#f-min-fit').dispatchEvent('change');
  await page.waitForFunction((old) => document.querySelector('#summary').textContent !== old, before);
  await mapIdle(page);
  assert.notEqual(await page.textContent('#summary'), before);
  assert.ok(tileRequests.some((url) => url.includes('industry=electronics&min_fit=60')),
    `no tile request carries the filter:\n${tileRequests.slice(0, 5).join('\n')}`);
  // Once the new style has settled, every tile the map asks for carries the
  // filter. (While it swaps, a tile of the old source may still be in flight.)
  tileRequests.length = 0;
  await page.evaluate(() => window.investmap.map.jumpTo({ zoom: window.investmap.map.getZoom() + 1 }));
  await mapIdle(page);
  assert.ok(tileRequests.length > 0, 'zooming in asked for new tiles');
  assert.ok(tileRequests.every((url) => url.includes('industry=electronics&min_fit=60')), tileRequests.join('\n'));
  assert.match(page.url(), /industry=electronics/);
  await page.click('[data-layer=fit]');
  await mapIdle(page);
  assert.match(await page.textContent('#legend'), /适合度/);
  assert.equal(await page.locator('#legend details[open]').count(), 1, 'open on a desktop screen');
  await screenshot(page, 'viewer-fit');
  assert.deepEqual(errors, []);
});

test('clicking a parcel opens its panel with the right code; the list is synced', async (t) => {
  const { db, server, browser } = await setup(t);
  const parcel = parcelWhere(db, "status = 'available' AND kind = 'land' ORDER BY area_m2 DESC");
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/?layer=status&map=16/${parcel.lat}/${parcel.lon}`);
  await mapIdle(page);
  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('#panel:not([hidden])');
  assert.match(await page.textContent('#panel-body'), new RegExp(parcel.code));
  assert.match(page.url(), new RegExp(`sel=${parcel.code}`));
  await page.waitForSelector(`#results button[data-code="${parcel.code}"][aria-current="true"]`);
  await screenshot(page, 'viewer-panel');
  assert.deepEqual(errors, []);
});

test('a shared URL restores filters, layer, language, view and selection', async (t) => {
  const { server, browser } = await setup(t);
  const { page } = await openPage(browser);
  await page.goto(`${server.url}/`);
  await mapIdle(page);
  await page.click('#language');
  await page.selectOption('#f-industry', 'biomedicine');
  await page.check('input[name=kind][value=factory]');
  await page.click('[data-layer=status]');
  await mapIdle(page);
  await page.waitForLoadState('networkidle');  // the list has followed the filters
  await page.waitForSelector('#results button');
  const chosen = await page.getAttribute('#results button', 'data-code');
  await page.click(`#results button[data-code="${chosen}"]`);
  // Selecting flies to the parcel once its details arrive: let that finish
  // before moving the camera ourselves.
  await page.waitForSelector('#panel:not([hidden])');
  await page.waitForFunction(() => !window.investmap.map.isMoving());
  await page.evaluate(() => window.investmap.map.jumpTo({ zoom: 14.5, center: [119.29, 26.03] }));
  await page.waitForFunction(() => location.search.includes('map=14.50'));
  await page.click('#share-button');
  const link = await page.inputValue('#share-link');
  assert.match(await page.inputValue('#embed-code'), /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\?/);
  const download = await page.getAttribute('#download-png', 'href');
  assert.match(download, /^static\/1920x1080\.png\?.*industry=biomedicine.*style=status.*zoom=14\.50/);
  const picture = await page.evaluate(async (href) => { const r = await fetch(href); return [r.status, r.headers.get('content-type')]; }, download);
  assert.deepEqual(picture, [200, 'image/png']);

  const { page: second, errors } = await openPage(browser);
  await second.goto(link);
  await mapIdle(second);
  assert.equal(await second.inputValue('#f-industry'), 'biomedicine');
  assert.ok(await second.isChecked('input[name=kind][value=factory]'));
  assert.equal(await second.getAttribute('[data-layer=status]', 'aria-checked'), 'true');
  assert.equal(await second.getAttribute('html', 'lang'), 'en');
  assert.match(await second.textContent('h1'), /Investment heat map/);
  const zoom = await second.evaluate(() => window.investmap.map.getZoom());
  assert.ok(Math.abs(zoom - 14.5) < 0.01, `zoom ${zoom}`);
  await second.waitForSelector('#panel:not([hidden])');
  assert.match(await second.textContent('#panel-body'), new RegExp(chosen), 'the selected parcel opens again');
  assert.deepEqual(errors, []);
});

test('the filters and the panel take their words from the server vocabulary, public statuses included', async (t) => {
  const { browser } = await setup(t);
  const { db, server } = await startSampleServerWith(t, 'public_statuses = ["available", "reserved"]\n');
  const parcel = parcelWhere(db, "status = 'reserved' AND land_use = 'M1'");
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/?sel=${parcel.code}`);
  await page.waitForSelector('#panel:not([hidden])');
  const statuses = () => page.$$eval('#f-status label', (labels) => labels.map((l) => [l.querySelector('input').value, l.textContent.trim()]));
  assert.deepEqual(await statuses(), [['available', '闲置可招商'], ['reserved', '已预留']]);
  assert.equal(await page.textContent('label[for=f-rent-max]'), '最高租金（元/m²·月）');
  const panel = await page.textContent('#panel-body');
  assert.match(panel, /状态已预留/);
  assert.match(panel, /用地性质M1 一类工业用地/);
  await page.click('#language');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await statuses(), [['available', 'available'], ['reserved', 'reserved']]);
  assert.equal(await page.textContent('label[for=f-rent-max]'), 'Max rent (yuan/m²/month)');
  await page.waitForFunction(() => document.querySelector('#panel-body').textContent.includes('Land use'));
  assert.match(await page.textContent('#panel-body'), /Land useM1 industrial, class 1/);
  assert.deepEqual(errors, []);
});

// A reverse proxy on loopback as a bureau's nginx is set up: the site under
// /heatmap/, the prefix stripped, and X-Forwarded-Prefix/-Host/-Proto added.
async function prefixProxy(t, target) {
  const http = await import('node:http');
  const proxy = http.createServer((request, response) => {
    if (!request.url.startsWith('/heatmap/')) { response.writeHead(404).end(); return; }
    const forwarded = http.request(`${target}${request.url.slice('/heatmap'.length)}`, {
      method: request.method,
      headers: { ...request.headers, 'x-forwarded-prefix': '/heatmap', 'x-forwarded-host': request.headers.host, 'x-forwarded-proto': 'http' },
    }, (answer) => { response.writeHead(answer.statusCode, answer.headers); answer.pipe(response); });
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  await new Promise((done) => proxy.listen(0, '127.0.0.1', done));
  t.after(() => new Promise((done) => { proxy.closeAllConnections(); proxy.close(done); }));
  return `http://127.0.0.1:${proxy.address().port}`;
}

test('under a sub-path behind a proxy, the map, the list and a parcel all work', async (t) => {
  const { browser } = await setup(t);
  const { server } = await startSampleServerWith(t, 'trust_proxy = true\n');
  const proxy = await prefixProxy(t, server.url);
  const { page, errors } = await openPage(browser);
  const outside = [];
  page.on('request', (request) => { if (!request.url().startsWith(`${proxy}/heatmap/`) && !request.url().startsWith('blob:')) outside.push(request.url()); });
  await page.goto(`${proxy}/heatmap/`);
  await mapIdle(page);
  await page.waitForSelector('#results button');
  assert.ok(await paintedShare(page) > 0.05, 'tiles came through the sub-path');
  const code = await page.getAttribute('#results button', 'data-code');
  await page.click(`#results button[data-code="${code}"]`);
  await page.waitForSelector('#panel:not([hidden])');
  assert.match(await page.textContent('#panel-body'), new RegExp(code));
  await page.click('#share-button');
  assert.ok((await page.inputValue('#share-link')).startsWith(`${proxy}/heatmap/?`), 'share links keep the prefix');
  assert.deepEqual(outside, [], 'every request stayed under /heatmap/');
  assert.deepEqual(errors, []);
});

test('/embed renders the map without panels', async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await openPage(browser, { width: 800, height: 500 });
  const response = await page.goto(`${server.url}/embed?industry=logistics&layer=fit`);
  assert.match(response.headers()['content-security-policy'], /frame-ancestors/);
  await mapIdle(page);
  assert.ok(await paintedShare(page) > 0.05);
  assert.equal(await page.locator('#filters').count(), 0);
  assert.match(await page.textContent('#legend'), /现代物流/);
  await screenshot(page, 'embed');
  // At 800 × 450 the legend starts folded: it covered a third of the map.
  const { page: small } = await openPage(browser, { width: 800, height: 450 });
  await small.goto(`${server.url}/embed?industry=logistics&layer=fit`);
  await small.waitForSelector('#legend summary');
  assert.equal(await small.locator('#legend details[open]').count(), 0);
  // The link to the full map and the credit line do not overlap.
  await small.waitForSelector('.maplibregl-ctrl-attrib');
  const link = await small.locator('#open-full').boundingBox();
  const credit = await small.locator('.maplibregl-ctrl-attrib').boundingBox();
  assert.ok(link.y + link.height <= credit.y || credit.y + credit.height <= link.y, `link ${JSON.stringify(link)} credit ${JSON.stringify(credit)}`);
  assert.deepEqual(errors, []);
});

test('a 375 px phone: no sideways scrolling, the map shows, filters open on demand', async (t) => {
  const { db, server, browser } = await setup(t);
  const { page, errors } = await openPage(browser, { width: 375, height: 740 });
  await page.goto(`${server.url}/`);
  await mapIdle(page);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'no horizontal overflow');
  assert.ok((await page.locator('#map').boundingBox()).width >= 370);
  assert.ok(!(await page.isVisible('#filters')));
  await page.click('#panel-toggle');
  assert.ok(await page.isVisible('#filters'));
  assert.equal(await page.getAttribute('#panel-toggle', 'aria-expanded'), 'true');
  // The legend starts folded on a phone and opens on demand.
  assert.equal(await page.locator('#legend details[open]').count(), 0);
  await page.click('#panel-toggle');
  await page.click('#legend summary');
  assert.equal(await page.locator('#legend details[open]').count(), 1);
  await screenshot(page, 'viewer-phone');
  const header = await page.locator('header.bar').boundingBox();
  assert.ok(header.height <= 0.12 * 740, `the header takes ${header.height} px of 740`);
  // A parcel opens as a bottom sheet: the zoom buttons do not cover its title.
  const parcel = parcelWhere(db, "status = 'available' ORDER BY area_m2 DESC");
  await page.goto(`${server.url}/?layer=status&map=16/${parcel.lat}/${parcel.lon}&sel=${parcel.code}`);
  await page.waitForSelector('#panel:not([hidden]) #panel-title');
  const sheet = await page.locator('#panel').boundingBox();
  const zoom = await page.locator('.maplibregl-ctrl-zoom-out').boundingBox();
  assert.ok(sheet.y > zoom.y + zoom.height, `the sheet (top ${sheet.y}) starts below the zoom buttons (bottom ${zoom.y + zoom.height})`);
  assert.ok(Math.abs(sheet.y + sheet.height - 740) <= 2, 'the sheet rests on the bottom of the screen');
  await screenshot(page, 'viewer-phone-parcel');
  // Every control has a name a screen reader can read.
  const unnamed = await page.$$eval('button, input, select', (controls) => controls.filter((c) => {
    const label = c.labels?.length || c.getAttribute('aria-label') || c.textContent.trim() || c.title;
    return !label && c.type !== 'hidden' && c.offsetParent !== null;
  }).map((c) => c.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  assert.deepEqual(errors, []);
});
