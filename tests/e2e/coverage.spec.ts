import { test, expect } from '@playwright/test';
import { accessibilityViolations } from './helpers';

// Where help is missing: the coverage matrix on a phone and on a wide screen.
test('the coverage matrix fits a phone, passes axe, and a white spot opens its search', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 320, height: 740 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto('/coverage');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Где не хватает помощи');
  // The wide table scrolls in its own region; the page does not.
  const [scroll, client] = await page.evaluate(() =>
    [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
  const region = page.getByRole('region', { name: /Организации по округам/ });
  await expect(region).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  // A white spot: the search for that okrug and direction finds nothing.
  const spot = page.locator('td.spot a').first();
  const href = await spot.getAttribute('href');
  await spot.click();
  await expect(page).toHaveURL(/okrug=/);
  expect(new URL(page.url()).search).toBe(href!.slice(1));
  await expect(page.locator('#results-heading')).toHaveText('Найдено: 0 организаций');
  await ctx.close();
});

test('the coverage options reload the matrix without JavaScript', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/coverage');
  await page.check('#by-audience');
  await page.check('#verified');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(/by=audience/);
  await expect(page.locator('caption')).toHaveText('Организации по округам и тем, кому помогают (только проверенные)');
  // A column header opens the map shaded by okrug for that audience.
  await expect(page.locator('thead a[href*="map_mode=choropleth"]').first()).toHaveAttribute('href', /audience=/);
  await ctx.close();
});

test('a column header opens the map shaded by okrug for that direction', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/coverage');
  await page.locator('thead a[href*="map_mode=choropleth"]').first().click();
  await expect(page).toHaveURL(/direction=.*map_mode=choropleth/);
  await expect(page.locator('#map-mode-choropleth')).toBeChecked({ timeout: 15_000 });
  await expect(page.locator('#map-legend')).toBeVisible({ timeout: 15_000 });
});
