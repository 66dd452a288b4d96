import { test, expect } from '@playwright/test';
import { accessibilityViolations } from './helpers';

// "My village": a villager picks their okrug and village from plain links, lands on the
// search near it, and the map (without any tile server) names the villages around.
test('a villager picks their village; the map labels the villages around it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await page.locator('summary', { hasText: 'Рядом' }).click().catch(() => {});
  await page.getByRole('link', { name: 'Выбрать свой населённый пункт' }).click();
  await expect(page).toHaveURL(/\/places$/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Шумихинский' }).click();
  await page.getByRole('link', { name: 'Кипель' }).click();
  await expect(page).toHaveURL(/near=55\.30110,63\.08610/);
  await expect(page.locator('#near option:checked')).toHaveText('Кипель (Шумихинский)');
  expect(await accessibilityViolations(page)).toEqual([]);
  // The map opens beside the list on a wide screen and fits the 25 km circle: zoom ≥ 9.
  await expect(page.locator('.place-label').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.place-label', { hasText: 'Шумиха' })).toHaveCount(1);
  await page.screenshot({ path: 'artifacts/map-villages.png' });
});

// With JavaScript, "my village" is typed in the near filter: suggestions come from the
// gazetteer, a pick reruns the search nearest first, and a village on the map offers the
// same search.
test('a villager types their village in the near filter and picks it on the map', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
  await page.locator('summary', { hasText: 'Рядом' }).click();
  const village = page.getByLabel('Или впишите свой населённый пункт');
  await village.pressSequentially('Кип', { delay: 50 });
  await expect(page.locator('#near-villages option[value="Кипель (Шумихинский)"]')).toHaveCount(1);
  await village.fill('Кипель (Шумихинский)');
  await expect(page).toHaveURL(/near=55\.30110(%2C|,)63\.08610/);
  await expect(page.locator('#near option:checked')).toHaveText('Кипель (Шумихинский)');
  await expect(page.locator('#results-heading')).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  // On the map, a village label opens "search near this place".
  await page.goto('/?near=55.30110,63.08610&radius_km=25');
  await expect(page.locator('.place-label', { hasText: 'Шумиха' })).toHaveCount(1, { timeout: 15_000 });
  // Labels may overlap at this zoom: click the one we mean, wherever its neighbours sit.
  await page.locator('.place-label', { hasText: 'Шумиха' }).dispatchEvent('click');
  const link = page.getByRole('link', { name: 'Искать рядом с этим местом' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/near=55\.22610(%2C|,)63\.29610/);
});
