import { test, expect, Page } from '@playwright/test';

const heading = '#results-heading';
const ALL = 'Найдено: 300 организаций';

async function hydrated(page: Page) {
  await expect(page.locator('section.search[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
}

test('typing searches as you type, facets narrow, all without a reload; the URL is shareable', async ({ page, browser }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.locator(heading)).toHaveText(ALL);
  await hydrated(page);
  await page.evaluate(() => ((window as any).__samePage = 'yes'));

  const count = page.locator('label[for="f-direction-social_services"] .count');
  const countBefore = Number(await count.textContent());
  await page.locator('#q').pressSequentially('ветеран', { delay: 40 });
  await expect(page).toHaveURL(/\?q=%D0%B2%D0%B5%D1%82%D0%B5%D1%80%D0%B0%D0%BD$/);
  await expect(page.locator(heading)).toHaveText(/^Найдено: (?!300 )\d+ организац/);
  await expect(page.locator('.card mark').first()).toBeVisible();
  // The facet counts follow the query, and the text typed stays in the box.
  await expect.poll(async () => Number(await count.textContent())).toBeLessThan(countBefore);
  await expect(page.locator('#q')).toHaveValue('ветеран');
  await expect(page.locator('.filters-toggle > summary')).toHaveText('Фильтры');

  await page.locator('details.facet:has(summary:text("Округ")) summary').click();
  await page.check('#f-okrug-shumikhinsky');
  await expect(page).toHaveURL(/okrug=shumikhinsky/);
  await expect(page.locator('.filters-toggle > summary')).toHaveText('Фильтры (1)');
  await expect(page.locator(heading)).toHaveText(/^Найдено: \d+ организац/);
  const hrefs = await page.locator('.card .okrug-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(new Set(hrefs)).toEqual(new Set(['/okrug/shumikhinsky']));
  const shownHeading = await page.locator(heading).textContent();
  const shownNames = await page.locator('.card-title a').allTextContents();

  // Back removes the facet again, still in the same page.
  await page.goBack();
  await expect(page).not.toHaveURL(/okrug=/);
  await expect(page.locator('#f-okrug-shumikhinsky')).not.toBeChecked();
  expect(await page.evaluate(() => (window as any).__samePage)).toBe('yes');
  expect(errors).toEqual([]);

  // The shared link reproduces the same view in a fresh browser.
  const other = await browser.newPage();
  await other.goto(page.url().replace(/$/, '') + '&okrug=shumikhinsky');
  await expect(other.locator(heading)).toHaveText(shownHeading!);
  expect(await other.locator('.card-title a').allTextContents()).toEqual(shownNames);
  await expect(other.locator('#q')).toHaveValue('ветеран');
  await expect(other.locator('#f-okrug-shumikhinsky')).toBeChecked();
  await other.close();

  await page.goto('/');
  await hydrated(page);
  await page.screenshot({ path: 'artifacts/home.png' });
});

test('the pager and sort work in place', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.evaluate(() => ((window as any).__samePage = 'yes'));
  await page.getByRole('link', { name: 'Дальше →' }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByText('Страница 2 из 15')).toBeVisible();
  await page.selectOption('#sort', 'updated');
  await expect(page).toHaveURL(/sort=updated/);
  expect(await page.evaluate(() => (window as any).__samePage)).toBe('yes');
});

test('without JavaScript the search is a plain form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator(heading)).toHaveText(ALL);
  await page.fill('#q', 'пожарн');
  await page.check('#f-direction-firefighting_rescue');
  await page.getByRole('button', { name: 'Найти' }).click();
  await expect(page).toHaveURL(/direction=firefighting_rescue/);
  await expect(page.locator(heading)).not.toHaveText(ALL);
  const cards = await page.locator('.card').count();
  expect(cards).toBeGreaterThan(0);
  await expect(page.locator('.card [data-code="firefighting_rescue"]')).toHaveCount(cards);
  await context.close();
});

test('near me: allowed geolocation sorts by distance; denied gets a polite message', async ({ browser }) => {
  const allowed = await browser.newContext({
    geolocation: { latitude: 55.449, longitude: 65.343 },
    permissions: ['geolocation'],
  });
  const page = await allowed.newPage();
  await page.goto('/');
  await hydrated(page);
  await page.locator('details.near summary').click();
  await page.getByRole('button', { name: 'Рядом со мной' }).click();
  await expect(page).toHaveURL(/near=55\.449/);
  await page.selectOption('#sort', 'distance');
  await expect(page.locator('.card-distance').first()).toContainText('км от выбранного места');
  await allowed.close();

  const denied = await browser.newContext({ permissions: [] });
  const p2 = await denied.newPage();
  await p2.goto('/');
  await hydrated(p2);
  await p2.locator('details.near summary').click();
  await p2.getByRole('button', { name: 'Рядом со мной' }).click();
  await expect(p2.getByText('Не удалось определить местоположение')).toBeVisible({ timeout: 20_000 });
  await denied.close();
});

test('an organization page opens from its card and shows its sections', async ({ page }) => {
  await page.goto('/?okrug=ketovsky');
  const first = page.locator('.card-title a').first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/org\/\d+-[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  for (const section of ['О нас', 'Услуги', 'Ближайшие события', 'Что нам нужно', 'Контакты', 'Где находится']) {
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expect(page.locator('svg.minimap .okrug-shape')).toHaveCount(1);
  await page.screenshot({ path: 'artifacts/organization.png', fullPage: true });
});

test('an unknown organization gets the 404 page', async ({ page }) => {
  const response = await page.goto('/org/999999-net');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
});
