import { test, expect, Page } from '@playwright/test';
import { loginAdmin } from './helpers';

// The map's «связи» layer: staff record a tie between two organizations; a visitor turns the
// layer on and sees a line between them; a search that keeps only one of the two draws none.
test.use({ viewport: { width: 1400, height: 900 } });

/** The first organization listed on `path` (an okrug's page). */
async function firstOrganization(page: Page, path: string) {
  await page.goto(path);
  const link = page.locator('.card-title a').first();
  const href = (await link.getAttribute('href'))!;
  return { id: Number(/\/org\/(\d+)/.exec(href)![1]), href, name: (await link.innerText()).trim() };
}

async function mapReady(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('section.search[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('#map-panel.ready')).toBeVisible();
}

/** Turns the layer on and waits for its answer. */
async function showTies(page: Page) {
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/map/ties.geojson'));
  await page.locator('#map-ties').check();
  expect((await answer).status()).toBe(200);
}

test('the «связи» layer draws a line between partners in the filtered view', async ({ page, browser, baseURL }) => {
  await loginAdmin(page);
  // Two organizations in different okrugs, so an okrug filter can keep one end only.
  const a = await firstOrganization(page, '/okrug/ketovsky');
  const b = await firstOrganization(page, '/okrug/shumikhinsky');
  await page.goto(a.href);
  await page.locator('#partners summary').click();
  await page.locator('#f-partner').fill(String(b.id));
  await page.locator('#f-kind').selectOption('joint_project');
  await page.getByRole('button', { name: 'Записать' }).click();
  await expect(page).toHaveURL(/notice=partner-recorded/);

  const visitor = await (await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 }, locale: 'ru-RU' })).newPage();
  await mapReady(visitor, '/');
  await showTies(visitor);
  await expect(visitor.locator('#map path.tie-line')).toHaveCount(1);
  await visitor.screenshot({ path: 'artifacts/map-ties.png' });

  // Only one end in the view: no line.
  await mapReady(visitor, '/?okrug=ketovsky');
  await showTies(visitor);
  await expect(visitor.locator('#map path.tie-line')).toHaveCount(0);
});
