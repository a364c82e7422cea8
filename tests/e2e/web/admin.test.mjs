// The staff page in headless Chromium against the real server: sign in,
// find a parcel, move it from available to negotiating, and see the public
// map's tile change; upload a photo and a video larger than 1 MiB.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { get, investmap, parcelWhere, query, sampleDatabase, startServer, tileAt, workdir } from '../helpers.mjs';
import { decode, features } from '../serve/mvt_checks.mjs';
import { launchBrowser, mapIdle, openPage, screenshot } from './browser.mjs';

async function signIn(page, token) {
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#workspace:not([hidden])');
}

// Finds a parcel by its code and opens it in the edit panel.
async function openParcel(page, code) {
  await page.fill('#q', code);
  await page.click('#search button[type=submit]');
  await page.click(`#results button[data-code="${code}"]`);
  await page.waitForSelector(`#parcel-title:has-text("${code}")`);
}

test('staff move a parcel from available to negotiating and the public tile follows', async (t) => {
  const db = sampleDatabase(workdir(t));
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '王五').stdout.trim();
  const server = await startServer(t, db);
  const parcel = parcelWhere(db, "status = 'available' AND kind = 'land'");
  const { x, y, z } = tileAt(parcel.lon, parcel.lat, 15);
  const publicStatus = async () => {
    const response = await get(`${server.url}/tiles/${z}/${x}/${y}.mvt`);
    return features(decode(response.body), 'parcels').find((f) => f.properties.code === parcel.code)?.properties.status;
  };
  assert.equal(await publicStatus(), 'available');

  const browser = await launchBrowser(t);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/admin`);
  assert.equal(await page.isVisible('#workspace'), false, 'nothing of the workspace shows before sign-in');
  await page.fill('#token', 'imt_wrong');
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#sign-in-error:has-text("invalid token")');
  await signIn(page, token);
  await openParcel(page, parcel.code);
  // The map has the status legend, and the chosen parcel is outlined.
  await page.waitForSelector('#admin-legend summary');
  assert.match(await page.textContent('#admin-legend'), /闲置可招商/);
  await page.waitForFunction((code) => {
    const layer = window.investmap.map.getLayer('selected');
    return layer && JSON.stringify(window.investmap.map.getFilter('selected')).includes(code);
  }, parcel.code);
  const offered = await page.$$eval('#status option', (options) => options.map((o) => o.value));
  assert.deepEqual(offered.sort(), ['available', 'negotiating', 'reserved', 'withdrawn'], 'only the allowed moves are offered');
  // The form's fields are the vocabulary's editable ones, typed and labelled by it.
  assert.equal(await page.getAttribute('#rent_yuan_m2_month', 'type'), 'number');
  assert.equal(await page.getAttribute('#available_from', 'type'), 'date');
  assert.match(await page.textContent('label[for=rent_yuan_m2_month]'), /租金 元\/m²·月 Rent/);
  assert.equal(await page.locator('#staff-fields #notes').count(), 1, 'staff-only fields sit apart');
  await page.selectOption('#status', 'negotiating');
  await page.fill('#rent_yuan_m2_month', '23.5');
  await page.fill('#note', '客商来访');
  await page.click('#edit-form button[type=submit]');
  await page.waitForSelector('#edit-message:has-text("saved")');
  await page.waitForSelector('#history li:has-text("客商来访")');
  assert.match(await page.textContent('#history li:first-child'), /闲置可招商 available → 洽谈中 in negotiation \(租金 Rent\)/);
  assert.doesNotMatch(await page.textContent('#history li:first-child'), /T\d\d:\d\d:\d\dZ/, 'times in the staff member\'s own clock, not raw UTC');
  await screenshot(page, 'admin-after-edit');

  assert.equal(await publicStatus(), 'negotiating', 'the very next public tile shows the edit');
  const history = query(db, `SELECT actor, note FROM audit_events WHERE parcel_code = '${parcel.code}' AND action = 'edit'`);
  assert.deepEqual(history, [{ actor: '王五', note: '客商来访' }]);
  assert.deepEqual(errors.filter((e) => !e.includes('401')), [], 'no errors besides the refused token');
});

test('staff upload a 5 MB phone-sized JPEG and a 60 MB video from the admin page', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '王五').stdout.trim();
  const server = await startServer(t, db);
  const parcel = parcelWhere(db, "status = 'available'");

  const browser = await launchBrowser(t);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/admin`);
  await signIn(page, token);
  await openParcel(page, parcel.code);

  // A real JPEG, encoded by the browser from a noisy 2600 × 1950 canvas
  // (noise compresses badly, as a phone photo of a site does).
  const jpeg = Buffer.from(await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 2600;
    canvas.height = 1950;
    const context = canvas.getContext('2d');
    const pixels = context.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = (i % 4 === 3) ? 255 : Math.random() * 256;
    context.putImageData(pixels, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.97));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }));
  assert.ok(jpeg.length > 5_000_000 && jpeg.length < 10_000_000, `the photo is ${jpeg.length} bytes`);
  const photoFile = join(dir, 'site.jpg');
  writeFileSync(photoFile, jpeg);
  const uploaded = async (file, timeout) => {
    await page.setInputFiles('#upload', file);
    const message = await page.waitForSelector('#upload-message.saved, #upload-message.failed', { timeout });
    assert.equal(await message.getAttribute('class'), 'saved', await message.textContent());
  };
  await uploaded(photoFile, 60_000);
  await page.waitForSelector('#photos img[alt*="2600×1950"]');

  const videoFile = join(dir, 'site.mp4');
  writeFileSync(videoFile, Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(60 << 20, 5)]));
  await uploaded(videoFile, 120_000);
  await page.waitForSelector('#photos video');
  const photos = JSON.parse(query(db, `SELECT photos FROM parcels WHERE code = '${parcel.code}'`)[0].photos);
  assert.deepEqual(photos.map((p) => p.kind), ['photo', 'video']);
  assert.equal(photos[1].bytes, (60 << 20) + 12);
  assert.deepEqual(errors.filter((e) => !e.includes('206')), []);
});

test('staff import a sheet from /admin: the dry run shows grouped rejections and the parcels on the map, then the import', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '王五').stdout.trim();
  const server = await startServer(t, db);
  const sheet = join(dir, '闲置厂房.csv');
  writeFileSync(sheet, ['编号,名称,类型,状态,坐标', 'W-1,城门厂房,厂房,搁置,"119.350,25.990"', 'W-2,建新厂房,厂房,闲置,"119.270,26.050"',
    'W-3,盖山仓库,仓库,招商中,"119.300,26.020"'].join('\n') + '\n');

  const browser = await launchBrowser(t);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/admin`);
  await signIn(page, token);
  await page.click('#import summary');
  assert.deepEqual(await page.$$eval('#import-kind option', (options) => options.map((o) => o.value)), ['', 'land', 'factory', 'office'],
    'the kinds come from the vocabulary');
  await page.setInputFiles('#import-file', sheet);
  await page.click('#import-check');
  await page.waitForSelector('#import-result table');
  const result = await page.textContent('#import-result');
  assert.match(result, /试运行，未写入 dry run, nothing written：读取 read 3 .* 拒绝 rejected 1/);
  assert.match(result, /未知状态“搁置”/);
  assert.match(await page.textContent('#import-result pre'), /\[values\.status\]\n"搁置" = ""/);
  assert.equal(await page.isDisabled('#import-confirm'), true, 'a refused dry run cannot be confirmed');
  const previewed = await page.evaluate(() => document.querySelector('#map canvas') !== null);
  assert.ok(previewed);
  await screenshot(page, 'admin-import-dry-run');

  await page.check('#import-skip');
  assert.equal(await page.isDisabled('#import-confirm'), true, 'a changed option needs a new dry run');
  await page.click('#import-check');
  await page.waitForSelector('#import-result p.saved');
  assert.match(await page.textContent('#import-result'), /新增 inserted 2/);
  await page.click('#import-confirm');
  await page.waitForSelector('#import-result p.saved:has-text("已导入 imported")');
  assert.deepEqual(query(db, "SELECT code, kind, status FROM parcels WHERE code LIKE 'W-%' ORDER BY code"),
    [{ code: 'W-2', kind: 'factory', status: 'available' }, { code: 'W-3', kind: 'factory', status: 'available' }]);
  assert.deepEqual(query(db, "SELECT DISTINCT actor FROM audit_events WHERE parcel_code LIKE 'W-%'"), [{ actor: '王五' }]);
  const published = await get(`${server.url}/api/collections/parcels/items/W-2`);
  assert.equal(published.status, 200, 'the imported parcel is public at once');
  assert.deepEqual(errors, []);
});

test('staff place a parcel imported without a location by drawing its outline on the /admin map', async (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  writeFileSync(join(dir, 'addresses.csv'), '编号,名称,地址,类型,坐标\nA-1,城门厂房,仓山区城门镇1号,厂房,\n');
  assert.equal(investmap('import', join(dir, 'addresses.csv'), '--db', db, '--allow-unlocated').status, 0);
  const token = investmap('token', 'create', '--db', db, '--role', 'staff', '--name', '王五').stdout.trim();
  const server = await startServer(t, db);

  const browser = await launchBrowser(t);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/admin`);
  await signIn(page, token);
  await page.waitForSelector('#unlocated-count:has-text("1")');
  await page.click('#unlocated summary');
  await page.click('#unlocated-list button[data-code="A-1"]');
  await page.waitForSelector('#placing:not([hidden])');
  assert.equal(await page.isDisabled('#place'), true, 'nothing to place before a click');
  await mapIdle(page);  // clicks go to a map that has loaded its style
  const map = await page.locator('#map canvas').boundingBox();
  const at = (dx, dy) => page.mouse.click(map.x + map.width / 2 + dx, map.y + map.height / 2 + dy);
  await at(0, 0);
  await at(60, 0);
  assert.equal(await page.isDisabled('#place'), true, 'two points are not a parcel');
  await at(60, 50);
  await at(0, 50);
  await page.waitForSelector('#placing-hint:has-text("4")');
  await screenshot(page, 'admin-placing');
  await page.click('#place');
  await page.waitForSelector('#placing-message.saved');
  await page.waitForSelector('#parcel-title:has-text("A-1")');
  assert.equal(await page.textContent('#unlocated-count'), '0');
  assert.deepEqual(query(db, "SELECT GeometryType(geom) AS type, name FROM parcels WHERE code = 'A-1'"), [{ type: 'POLYGON', name: '城门厂房' }]);
  const published = await get(`${server.url}/api/collections/parcels/items/A-1`);
  assert.equal(published.status, 200);
  assert.deepEqual(errors, []);
});
