// Debian's Chromium driven by playwright-core: headless, software WebGL
// (SwiftShader) so MapLibre draws without a GPU. Screenshots go to
// $INVESTMAP_ARTIFACTS (the build's test-artifacts folder under CTest).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { chromium } from 'playwright-core';
import { ARTIFACTS } from '../helpers.mjs';

export { ARTIFACTS };

// `extraArgs`: more Chromium switches, e.g. ['--ignore-certificate-errors'].
export async function launchBrowser(t, extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', ...extraArgs],
  });
  t.after(() => browser.close());
  return browser;
}

// A page that records console errors and failed page errors.
export async function openPage(browser, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => { if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`); });
  return { page, errors };
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// The map's background colour (styles/map.json), for paintedShare.
const BACKGROUND = [0xf3, 0xf1, 0xec];

// Waits until the map has loaded its style and tiles.
export async function mapIdle(page) {
  await page.waitForFunction(() => window.investmap?.map?.loaded() && window.investmap.map.areTilesLoaded(), null, { timeout: 30_000 });
}

// The share of the map's pixels that are not the background colour.
export async function paintedShare(page) {
  const png = PNG.sync.read(await page.locator('#map canvas').screenshot());
  let painted = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const d = Math.abs(png.data[i] - BACKGROUND[0]) + Math.abs(png.data[i + 1] - BACKGROUND[1]) + Math.abs(png.data[i + 2] - BACKGROUND[2]);
    if (d > 30) painted += 1;
  }
  return painted / (png.data.length / 4);
}
