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
