import { test, expect } from '@playwright/test';
import * as path from 'path';
import { accessibilityViolations, loginAdmin } from './helpers';

// A staff member's first day: upload the messy Excel list, read the preview, fix a cell,
// map an unknown column, import with the progress page, and invite the leaders of what came
// in. Also checks the pages with axe (WCAG 2.1 AA) and writes the user guide's screenshots.
// It adds organizations, so it runs last (files run in name order on one worker): the
// other specs count the 300 demo organizations.
const fixture = path.resolve(__dirname, '../fixtures/import/messy-kurgan.xlsx');
const shots = 'artifacts';

test('staff upload a messy list, fix it in the preview, import it and invite leaders', async ({ page }) => {
  test.setTimeout(120_000);
  await loginAdmin(page);
  await page.goto('/staff/import');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.locator('#import-file').setInputFiles(fixture);
  await page.getByRole('button', { name: 'Загрузить и проверить' }).click();
  await expect(page).toHaveURL(/\/staff\/import\/\d+$/);
  // The demo data may already hold some of these ИНН, so the counts are read, not fixed.
  const run = page.getByRole('button', { name: /Загрузить на карту: новых \d+/ });
  const before = Number(/новых (\d+)/.exec((await run.textContent())!)![1]);
  expect(before).toBeGreaterThan(20);

  // Row 25: the ИНН's check digit is wrong; the reason is next to the cell.
  const row = page.locator('#row-25');
  await expect(row.locator('.cell-message')).toContainText('неверная контрольная цифра');
  await row.evaluate((e) => { e.scrollIntoView({ block: 'start' }); window.scrollBy(0, -10); });
  await page.screenshot({ path: `${shots}/import-preview.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  await row.locator('#r25-c14').fill('');
  await row.getByRole('button', { name: 'Сохранить исправление' }).click();
  await expect(page.getByRole('button', { name: new RegExp(`Загрузить на карту: новых ${before + 1}`) })).toBeVisible();

  // «Примечание» becomes the description.
  // The mapping is open when some columns are not imported, as here.
  await expect(page.locator('details.import-mapping')).toHaveAttribute('open', '');
  await page.locator('#col-17').selectOption('description');
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByText('Не загружаются: ФИО руководителя.')).toBeVisible();

  await page.getByRole('button', { name: /Загрузить на карту/ }).click();
  await expect(page.getByRole('status').first()).toContainText(new RegExp(`Готово за .* добавлено ${before + 1}`), { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: `Добавлены (${before + 1})` })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);

  // Invite the first two organizations without an editor.
  const boxes = page.locator('input[type=checkbox][name=org]');
  const count = await boxes.count();
  for (let i = 2; i < count; i++) await boxes.nth(i).uncheck();
  await page.getByRole('button', { name: 'Создать приглашения' }).click();
  await expect(page.getByRole('heading', { name: 'Приглашения созданы' })).toBeVisible();
  await expect(page.locator('code', { hasText: '/invite/' })).toHaveCount(2);
  await page.screenshot({ path: `${shots}/import-result.png` });
});
