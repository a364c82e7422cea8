// The API documentation page (the landing page's service-doc) in Chromium:
// drawn from the server's own OpenAPI document, every operation with its
// parameters, nothing loaded from outside the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { get, sampleDatabase, startServer, workdir } from '../helpers.mjs';
import { launchBrowser, openPage, screenshot } from './browser.mjs';

test('the service-doc page lists every operation of the OpenAPI document with its parameters', async (t) => {
  const server = await startServer(t, sampleDatabase(workdir(t)));
  const landing = JSON.parse((await get(`${server.url}/api`)).body.toString());
  const docs = landing.links.find((link) => link.rel === 'service-doc').href;
  const api = JSON.parse((await get(`${server.url}/api/openapi`)).body.toString());
  const operations = Object.entries(api.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => [path, method]));

  const { page, errors } = await openPage(await launchBrowser(t));
  page.on('request', (request) => { if (!request.url().startsWith(server.url)) errors.push(`outside request ${request.url()}`); });
  await page.goto(docs);
  await page.waitForSelector('article.operation');
  assert.deepEqual(errors, []);
  assert.equal(await page.locator('article.operation').count(), operations.length);
  for (const [path, method] of operations) {
    const card = page.locator('article.operation', { has: page.locator('.path', { hasText: new RegExp(`^${path.replace(/[.{}]/g, '\\$&')}$`) }) })
      .filter({ has: page.locator(`.method.${method}`) });
    assert.equal(await card.count(), 1, `${method.toUpperCase()} ${path}`);
  }
  const items = page.locator('#items');
  for (const name of ['bbox', 'limit', 'offset', 'sortby', 'status', 'industry', 'min_fit', 'available_by']) {
    assert.equal(await items.locator('td.name', { hasText: new RegExp(`^${name}$`) }).count(), 1, `items lists ${name}`);
  }
  assert.match(await items.textContent(), /10000/, 'the limit\'s maximum');
  assert.match(await page.locator('#editItem').textContent(), /需要招商科令牌/);
  assert.match(await page.locator('#editItem').textContent(), /If-Match/);
  await screenshot(page, 'api-docs');
});
