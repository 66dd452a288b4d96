import { test, expect, Page } from '@playwright/test';

// The map on the search page, with no network beyond localhost: the okrug boundaries are
// the base layer (no tiles are configured), clusters and markers come from our API.
const heading = '#results-heading';
test.use({ viewport: { width: 1400, height: 900 } });

async function ready(page: Page, path = '/', paths = 26) {
  const offsite: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1')) offsite.push(r.url()); });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(path);
  await expect(page.locator('section.search[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('#map-panel.ready')).toBeVisible();
  await expect(page.locator('#map .leaflet-overlay-pane path')).toHaveCount(paths);
  await expect(page.locator('#map .map-cluster, #map .map-marker').first()).toBeVisible();
  return { offsite, errors };
}

const zoom = (page: Page) => page.evaluate(() => (window as any).poputchikiMap.getZoom() as number);

/** Clicks clusters until single markers are on screen. */
async function zoomToMarkers(page: Page) {
  for (let i = 0; i < 10 && (await page.locator('#map .map-marker').count()) === 0; i++) {
    const before = await zoom(page);
    await page.locator('#map .map-cluster').first().click();
    await expect.poll(() => zoom(page)).toBeGreaterThan(before);
    await page.waitForTimeout(400);
  }
  await expect(page.locator('#map .map-marker').first()).toBeVisible();
}

test('the map shows the okrug layer, clusters zoom in, a marker opens its card and page', async ({ page }) => {
  const { offsite, errors } = await ready(page);
  await page.screenshot({ path: 'artifacts/map.png' });

  const before = await zoom(page);
  await page.locator('#map .map-cluster').first().click();
  await expect.poll(() => zoom(page)).toBeGreaterThan(before);

  await zoomToMarkers(page);
  const marker = page.locator('#map .map-marker').first();
  await marker.click();
  const link = page.locator('.leaflet-popup .map-card-open');
  await expect(link).toHaveText('Открыть страницу');
  const name = await page.locator('.leaflet-popup .map-card-name a').textContent();
  await link.click();
  await expect(page).toHaveURL(/\/org\/\d+-/);
  await expect(page.locator('h1')).toHaveText(name ?? '');
  // The organization page leads back to the map, centred on it, with who else is near.
  await page.getByRole('link', { name: 'Показать на карте и найти, кто ещё рядом' }).click();
  await expect(page).toHaveURL(/near=[\d.]+,[\d.]+&radius_km=10&map=1/);
  await expect(page.locator('#map-panel.ready')).toBeVisible();
  await expect(page.locator('li.card .card-distance').first()).toHaveText(/0,0 км|^\D*0,0/);
  expect(offsite).toEqual([]);
  expect(errors).toEqual([]);
});

test('"search this area" narrows the list to the visible part of the map', async ({ page }) => {
  await ready(page);
  const all = await page.locator(heading).textContent();
  for (let i = 0; i < 3; i++) {
    const before = await zoom(page);
    await page.locator('.leaflet-control-zoom-in').click();
    await expect.poll(() => zoom(page)).toBe(before + 1);
    await page.waitForTimeout(400); // the zoom animation; Leaflet ignores clicks during it
  }
  await page.check('#map-area');
  await expect(page).toHaveURL(/bbox=[\d.,-]+/);
  await expect(page.locator(heading)).not.toHaveText(all ?? '');
  const shown = Number((await page.locator(heading).textContent())?.match(/\d+/)?.[0]);
  const total = Number(all?.match(/\d+/)?.[0]);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(total);
  // Every listed organization lies inside the box in the URL.
  const box = new URL(page.url()).searchParams.get('bbox')!.split(',').map(Number);
  const points = await page.locator('li.card').evaluateAll((lis) =>
    lis.map((li) => [Number((li as HTMLElement).dataset.lon), Number((li as HTMLElement).dataset.lat)]));
  for (const [lon, lat] of points) {
    expect(lon).toBeGreaterThanOrEqual(box[0]);
    expect(lat).toBeGreaterThanOrEqual(box[1]);
    expect(lon).toBeLessThanOrEqual(box[2]);
    expect(lat).toBeLessThanOrEqual(box[3]);
  }
  // Unticking brings everything back.
  await page.uncheck('#map-area');
  await expect(page.locator(heading)).toHaveText(all ?? '');
});

test('choropleth mode shades okrugs by the filtered count and shows a legend', async ({ page }) => {
  await ready(page, '/?audience=elderly');
  await page.check('#map-mode-choropleth');
  await expect(page.locator('#map-legend')).toBeVisible();
  await expect(page.locator('#map .map-cluster, #map .map-marker')).toHaveCount(0);
  const fills = await page.locator('#map .leaflet-overlay-pane path').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
  expect(new Set(fills).size).toBeGreaterThan(1);
  await page.screenshot({ path: 'artifacts/map-choropleth.png' });
});

test('hovering a result highlights its place on the map; choosing a place draws the radius', async ({ page }) => {
  await ready(page, '/?near=55.449,65.343&radius_km=25', 26 + 2); // + the radius circle and the point
  const paths = () => page.locator('#map .leaflet-overlay-pane path').count();
  const n = await paths();
  await page.locator('li.card').first().hover();
  await expect.poll(paths).toBe(n + 1);
  // The list is sorted by distance when a place is chosen.
  const d = (await page.locator('li.card .card-distance').allTextContents())
    .map((t) => Number(t.match(/[\d,]+/)![0].replace(',', '.')));
  expect(d.length).toBeGreaterThan(1);
  expect(d).toEqual([...d].sort((a, b) => a - b));
});

test('without JavaScript the map stays out of the way and the list works', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/');
  await expect(page.locator('#map-panel')).toBeHidden();
  await expect(page.locator('#map-toggle')).toBeHidden();
  await expect(page.locator(heading)).toHaveText(/Найдено: 300/);
  await ctx.close();
});

test('"near me" centres the map on the visitor and draws the chosen point', async ({ browser }) => {
  const ctx = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    geolocation: { latitude: 55.449, longitude: 65.343 },
    permissions: ['geolocation'],
  });
  const page = await ctx.newPage();
  await ready(page);
  await page.locator('details.near summary').click();
  await page.getByRole('button', { name: 'Рядом со мной' }).click();
  await expect(page).toHaveURL(/near=55\.449/);
  await expect(page.locator('#map .leaflet-overlay-pane path')).toHaveCount(26 + 1); // + the point
  await expect.poll(async () => {
    const c = await page.evaluate(() => (window as any).poputchikiMap.getCenter());
    return Math.abs(c.lat - 55.449) < 0.05 && Math.abs(c.lng - 65.343) < 0.05;
  }).toBe(true);
  await ctx.close();
});

test('when a configured tile server is unreachable, the okrug layer still works and nothing pops up', async ({ page }) => {
  // The page as a server with POPUTCHIKI_TILES_URL pointing nowhere would render it.
  await page.route(/\/(\?.*)?$/, async (route) => {
    const resp = await route.fetch();
    const html = (await resp.text()).replace('data-tiles=""', '')
      .replace('id="map-panel"', 'id="map-panel" data-tiles="http://127.0.0.1:9/{z}/{x}/{y}.png"');
    await route.fulfill({ response: resp, body: html });
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const tileRequests: string[] = [];
  page.on('requestfailed', (r) => { if (r.url().startsWith('http://127.0.0.1:9/')) tileRequests.push(r.url()); });
  const { errors } = await ready(page);
  await expect.poll(() => tileRequests.length).toBeGreaterThan(0);
  await expect(page.locator('#map .leaflet-tile-pane img').first()).toBeHidden();
  await expect(page.locator('#map-status')).toHaveText('');
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
