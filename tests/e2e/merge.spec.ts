import { test, expect } from '@playwright/test';
import { accessibilityViolations, loginAdmin } from './helpers';

// A second record of an organization that is already on the map: proposed anyway (the
// proposer ticks «Это другая организация»), published, found in the duplicates queue,
// compared and merged; the second record's address then leads to the survivor.
test('staff merge a second record of an organization and its address redirects', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/okrug/ketovsky');
  const first = page.locator('.card-title a').first();
  const name = (await first.textContent())!.trim();
  const survivor = (await first.getAttribute('href'))!;

  await loginAdmin(page);
  await page.goto('/org/new');
  await page.locator('#f-name').fill(name);
  await page.locator('#f-kind').selectOption('initiative_group');
  await page.locator('#f-okrug').selectOption('ketovsky');
  await page.locator('#f-description').fill('Вторая запись той же организации, с новым описанием.');
  await page.getByRole('button', { name: 'Отправить на модерацию' }).click();
  await expect(page.getByText('Похоже, эта организация уже есть на карте:', { exact: true })).toBeVisible();
  await page.getByLabel('Это другая организация, отправить на модерацию').check();
  await page.getByRole('button', { name: 'Отправить на модерацию' }).click();
  await expect(page.getByText('Спасибо! Организация отправлена на модерацию')).toBeVisible();
  await page.goto('/staff');
  await page.locator('.queue-item', { hasText: name }).getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByText('Организация опубликована.')).toBeVisible();

  await page.goto('/staff/queue/duplicates');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.locator('tbody tr', { hasText: name }).first().getByRole('link', { name: 'Сравнить и объединить' }).click();
  await expect(page.getByRole('heading', { name: 'Объединение двух записей' })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  const second = page.url().split('/').pop()!;
  // Keep the older record's address, take the second record's description.
  await page.getByRole('group', { name: 'Описание', exact: true }).getByText('Вторая запись той же организации').click();
  await page.getByRole('button', { name: 'Объединить записи' }).click();
  await expect(page.getByText('Записи объединены.')).toBeVisible();
  await expect(page.getByText('Вторая запись той же организации, с новым описанием.')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(survivor);

  await page.goto(`/org/${second}`);
  expect(new URL(page.url()).pathname).toBe(survivor);
  await page.goto('/staff/queue/duplicates');
  await expect(page.locator('tbody tr', { hasText: name })).toHaveCount(0);
});
