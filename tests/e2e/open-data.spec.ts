import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import { accessibilityViolations } from './helpers';

// Open data in a real browser: the search page's download links save the view as a file,
// and the «Открытые данные» page is reachable from the footer and accessible.

test('the search page downloads its view as CSV; the page stays accessible', async ({ page }) => {
  await page.goto('/?q=пожилым');
  expect(await accessibilityViolations(page)).toEqual([]);
  const saved = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV', exact: true }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(/^poputchiki-kurgan-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.trim().split('\n');
  expect(lines[0]).toContain('Название;');
  const found = await page.locator('#results-heading').textContent();
  expect(found).toContain(String(lines.length - 1));
});

test('the open data page is linked from the footer and accessible', async ({ page }) => {
  await page.goto('/okrug');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Открытые данные' }).click();
  await expect(page).toHaveURL(/\/open-data$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Открытые данные');
  expect(await accessibilityViolations(page)).toEqual([]);
  const saved = page.waitForEvent('download');
  await page.getByRole('link', { name: 'GeoJSON' }).click();
  const geo = JSON.parse(fs.readFileSync(await (await saved).path(), 'utf8'));
  expect(geo.type).toBe('FeatureCollection');
  expect(geo.features.length).toBeGreaterThan(100);
});
