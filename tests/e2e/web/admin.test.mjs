// The staff page in headless Chromium against the real server: sign in,
// find a parcel, move it from available to negotiating, and see the public
// map's tile change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { get, investmap, parcelWhere, query, sampleDatabase, startServer, tileAt, workdir } from '../helpers.mjs';
import { decode, features } from '../serve/mvt_checks.mjs';
import { launchBrowser, openPage, screenshot } from './browser.mjs';

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
  await page.fill('#token', 'imt_wrong');
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#sign-in-error:has-text("invalid token")');
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#workspace:not([hidden])');

  await page.fill('#q', parcel.code);
  await page.click('#search button[type=submit]');
  await page.click(`#results button[data-code="${parcel.code}"]`);
  await page.waitForSelector(`#parcel-title:has-text("${parcel.code}")`);
  const offered = await page.$$eval('#status option', (options) => options.map((o) => o.value));
  assert.deepEqual(offered.sort(), ['available', 'negotiating', 'reserved', 'withdrawn'], 'only the allowed moves are offered');
  await page.selectOption('#status', 'negotiating');
  await page.fill('#note', '客商来访');
  await page.click('#edit-form button[type=submit]');
  await page.waitForSelector('#edit-message:has-text("saved")');
  await page.waitForSelector('#history li:has-text("客商来访")');
  await screenshot(page, 'admin-after-edit');

  assert.equal(await publicStatus(), 'negotiating', 'the very next public tile shows the edit');
  const history = query(db, `SELECT actor, note FROM audit_events WHERE parcel_code = '${parcel.code}' AND action = 'edit'`);
  assert.deepEqual(history, [{ actor: '王五', note: '客商来访' }]);
  assert.deepEqual(errors.filter((e) => !e.includes('401')), [], 'no errors besides the refused token');
});
