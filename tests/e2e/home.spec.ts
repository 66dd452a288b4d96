import { test, expect } from '@playwright/test';

const heading = '#results-heading';

test('the filter island hydrates and updates the list without a page reload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.locator(heading)).toHaveText('Найдено: 300 организаций');
  // The island marks itself once its WASM has hydrated it.
  await expect(page.locator('section.browser[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.evaluate(() => ((window as any).__samePage = 'yes'));

  await page.selectOption('#f-okrug', 'shumikhinsky');
  await expect(page).toHaveURL(/\?okrug=shumikhinsky$/);
  // Wait for the new count (not the "Загрузка…" state in between).
  await expect(page.locator(heading)).toHaveText(/^Найдено: (?!300 )\d+ организац/);
  const hrefs = await page.locator('.card .okrug-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(new Set(hrefs)).toEqual(new Set(['/okrug/shumikhinsky']));

  await page.selectOption('#f-audience', 'elderly');
  await expect(page).toHaveURL(/okrug=shumikhinsky&audience=elderly/);

  // Back restores the previous filter, still without a reload.
  await page.goBack();
  await expect(page).toHaveURL(/\?okrug=shumikhinsky$/);
  await expect(page.locator('#f-audience')).toHaveValue('');

  await page.getByRole('link', { name: 'Сбросить' }).click();
  await expect(page.locator(heading)).toHaveText('Найдено: 300 организаций');
  await page.getByRole('link', { name: 'Дальше →' }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByText('Страница 2 из 15')).toBeVisible();

  expect(await page.evaluate(() => (window as any).__samePage)).toBe('yes');
  expect(errors).toEqual([]);
  await page.goto('/');
  await expect(page.locator('section.browser[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.screenshot({ path: 'artifacts/home.png' });
});

test('without JavaScript the filter still works as a plain form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator(heading)).toHaveText('Найдено: 300 организаций');
  await page.selectOption('#f-direction', 'firefighting_rescue');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(/direction=firefighting_rescue/);
  await expect(page.locator(heading)).not.toHaveText('Найдено: 300 организаций');
  const cards = await page.locator('.card').count();
  expect(cards).toBeGreaterThan(0);
  await expect(page.locator('.card [data-code="firefighting_rescue"]')).toHaveCount(cards);
  await context.close();
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
