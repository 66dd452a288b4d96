import { test, expect, Page } from '@playwright/test';
import { loginAdmin } from './helpers';

// A village phone on slow 3G: what the browser really downloads and keeps.

/** Every URL the page requests while it loads and settles. */
async function requestsOf(page: Page, path: string): Promise<string[]> {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  return urls;
}

test('a page without an island downloads no WASM; the search page does, precompressed', async ({ page }) => {
  for (const path of ['/org/1', '/okrug', '/okrug/shumikhinsky', '/login', '/places', '/needs', '/events']) {
    const urls = await requestsOf(page, path);
    expect(urls.filter((u) => /\.wasm|poputchiki\.js/.test(u)), path).toEqual([]);
  }
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto('/?q=пожилым');
  const module = await wasm;
  expect(module.url()).toMatch(/\/a\/[0-9a-f]{16}\/pkg\/poputchiki\.wasm$/);
  expect(module.headers()['content-encoding']).toBe('br');
  expect(module.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
});

test('stylesheets and scripts come hashed, precompressed and cached for a year', async ({ page }) => {
  const css = page.waitForResponse((r) => r.url().endsWith('.css'));
  await page.goto('/org/1');
  const sheet = await css;
  expect(sheet.url()).toMatch(/\/a\/[0-9a-f]{16}\/pkg\/poputchiki\.css$/);
  expect(sheet.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(sheet.headers()['content-encoding']).toBe('br');
  const html = await page.request.get('/org/1');
  expect(html.headers()['etag']).toBeTruthy();
});

const PUBLIC_PAGES = ['/', '/?q=пожилым', '/?near=55.30110,63.08610&radius_km=25', '/org/1', '/okrug',
  '/okrug/shumikhinsky', '/places', '/places?okrug=shumikhinsky', '/login', '/register', '/needs',
  '/needs?kind=volunteers', '/confirm/0123456789abcdef0123456789abcdef', '/open-data', '/api', '/events',
  '/events?view=month', '/network'];

test('no page scrolls sideways on 320, 360 and 412 px wide phones', async ({ browser }) => {
  for (const width of [320, 360, 412]) {
    const ctx = await browser.newContext({ viewport: { width, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      const [scroll, client] = await page.evaluate(() =>
        [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(scroll, `${path} at ${width} px`).toBeLessThanOrEqual(client);
    }
    await ctx.close();
  }
});

test('on a phone the first result is on the first screen below the search box; filters fold behind a count', async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const ctx = await browser.newContext({ viewport: { width: 393, height: 851 }, isMobile: true, hasTouch: true, javaScriptEnabled });
    const page = await ctx.newPage();
    await page.goto('/?q=пожилым&audience=elderly');
    const box = await page.locator('#q').boundingBox();
    const first = await page.locator('li.card').first().boundingBox();
    expect(box && first, 'search box and a result').toBeTruthy();
    expect(first!.y - (box!.y + box!.height)).toBeLessThan(851);
    const toggle = page.locator('details.filters-toggle > summary');
    await expect(toggle).toHaveText('Фильтры (1)');
    await expect(page.locator('#f-audience-elderly')).toBeHidden();
    await toggle.click();
    await expect(page.locator('#f-audience-elderly')).toBeVisible();
    await expect(page.locator('#f-audience-elderly')).toBeChecked();
    await ctx.close();
  }
});

test('a page seen before opens without a connection, with a note; pages never seen say so', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 393, height: 851 }, isMobile: true });
  const page = await ctx.newPage();
  await page.goto('/org/1');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.goto('/okrug/shumikhinsky');
  const name = await page.locator('h1').textContent();
  await page.goto('/org/2');
  const phone = page.locator('a[href^="tel:"]').first();
  const phoneText = (await phone.count()) ? await phone.textContent() : null;
  // Give the worker a moment to store the last page.
  await page.waitForTimeout(500);
  await ctx.setOffline(true);
  await page.goto('/okrug/shumikhinsky');
  await expect(page.locator('.offline-note')).toContainText('Нет связи: показана сохранённая страница от');
  await expect(page.locator('h1')).toHaveText(name ?? '');
  await page.goto('/org/2');
  await expect(page.locator('.offline-note')).toBeVisible();
  if (phoneText) await expect(page.locator('a[href^="tel:"]').first()).toHaveText(phoneText);
  await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(1);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toBe('');
  await page.goto('/login');
  await expect(page.locator('h1')).toHaveText('Нет связи');
  await ctx.close();
});

test('pages seen while logged in are never kept for offline use', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 393, height: 851 }, isMobile: true });
  const page = await ctx.newPage();
  await page.goto('/okrug');
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await loginAdmin(page);
  await page.goto('/org/3');
  await expect(page.locator('h1')).toBeVisible();
  await page.goto('/account');
  await page.waitForTimeout(500);
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  expect(kept).toContain('/okrug');
  expect(kept.filter((u) => /^\/(org\/3|account|login|staff)/.test(u))).toEqual([]);
  await ctx.setOffline(true);
  await page.goto('/org/3');
  await expect(page.locator('h1')).toHaveText('Нет связи');
  await ctx.close();
});
