import { test, expect } from '@playwright/test';
import { accessibilityViolations, loginAdmin } from './helpers';

// A staff member's day in a real browser: the workspace's queues, a proposal approved, an
// error report resolved, a stale listing from its queue checked (it leaves the queue), an
// organization that closed archived and restored, and a white spot of the coverage report
// opening its (empty) search. Every page passes axe (WCAG 2.1 AA).
test("a staff member's day: queues, a proposal, an error report, a check, the archive, a white spot", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  // A visitor reports a mistake on an organization's page.
  const visitor = await (await browser.newContext({ baseURL, locale: 'ru-RU' })).newPage();
  await visitor.goto('/');
  const href = (await visitor.locator('.card-title a').nth(2).getAttribute('href'))!;
  await visitor.goto(href);
  await visitor.getByText('Сообщить об ошибке').click();
  await visitor.locator('#f-message').fill('Телефон больше не отвечает, сменился номер');
  await visitor.getByRole('button', { name: 'Отправить', exact: true }).click();
  await expect(visitor.getByText('Спасибо! Сообщение передано')).toBeVisible();

  await loginAdmin(page);
  // A new group proposed (any account may propose; staff publish it).
  await page.goto('/org/new');
  await page.locator('#f-name').fill('Клуб «Рукодельницы» села Тестовое');
  await page.locator('#f-kind').selectOption('initiative_group');
  await page.locator('#f-okrug').selectOption('ketovsky');
  await page.getByRole('button', { name: 'Отправить на модерацию' }).click();
  await expect(page.getByText('Спасибо! Организация отправлена на модерацию')).toBeVisible();

  await page.goto('/staff');
  expect(await accessibilityViolations(page)).toEqual([]);
  const desk = page.locator('nav.desk');
  await expect(desk.getByRole('link', { name: 'Давно не обновлялись' })).toBeVisible();
  await expect(desk.getByRole('link', { name: 'Нужно позвонить' })).toBeVisible();

  const proposal = page.locator('.queue-item', { hasText: 'Клуб «Рукодельницы» села Тестовое' });
  await proposal.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByText('Организация опубликована.')).toBeVisible();

  const report = page.locator('.queue-item', { hasText: 'Телефон больше не отвечает' });
  await report.locator('textarea').first().fill('Позвонили, номер обновили');
  await report.getByRole('button', { name: 'Исправлено' }).click();
  await expect(page.locator('.queue-item', { hasText: 'Телефон больше не отвечает' })).toHaveCount(0);

  // The okrug filter, then the stale queue of the whole region.
  await page.locator('#desk-okrug').selectOption('ketovsky');
  await desk.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(/\/staff\?okrug=ketovsky/);
  await page.goto('/staff/queue/stale');
  expect(await accessibilityViolations(page)).toEqual([]);
  const row = page.locator('tbody tr').first();
  const name = (await row.locator('th a').first().textContent())!.trim();
  await row.getByRole('link', { name: 'Управление' }).click();
  await page.locator('#f-method').selectOption('visit');
  await page.getByRole('button', { name: 'Записать проверку' }).click();
  await expect(page.getByText('Проверка записана.')).toBeVisible();
  await page.goto('/staff/queue/stale');
  await expect(page.locator('tbody th a', { hasText: name })).toHaveCount(0);

  // It closed: archived (its page stays, with the banner), then restored.
  await page.goto('/staff/queue/no-editor');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.locator('tbody tr').first().getByRole('link', { name: 'Управление' }).click();
  const manage = page.url();
  await page.locator('#f-archive_note').fill('Руководитель переехал, клуб закрыт');
  await page.getByRole('button', { name: 'Убрать в архив' }).click();
  await expect(page.getByText('Организация убрана в архив.')).toBeVisible();
  await page.locator('.breadcrumbs a').last().click();
  await expect(page.getByText('Руководитель переехал, клуб закрыт')).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(manage);
  await page.getByRole('button', { name: 'Вернуть из архива' }).click();
  await expect(page.getByText('Организация снова на карте.')).toBeVisible();

  // A used or unknown reminder link says so, accessibly.
  await visitor.goto('/confirm/0123456789abcdef0123456789abcdef');
  await expect(visitor.getByRole('heading', { name: 'Ссылка больше не действует' })).toBeVisible();
  expect(await accessibilityViolations(visitor)).toEqual([]);

  // «Кому нужна помощь», as anyone sees it, and its summary for staff.
  await visitor.goto('/needs');
  await expect(visitor.getByRole('heading', { name: 'Кому нужна помощь' })).toBeVisible();
  expect(await accessibilityViolations(visitor)).toEqual([]);
  await page.goto('/needs');
  await expect(page.getByRole('link', { name: 'Таблица Excel' })).toHaveAttribute('href', '/staff/needs.xlsx');

  // A white spot of the coverage report lands on its filtered, empty list.
  await page.goto('/coverage');
  await page.locator('td.spot a').first().click();
  await expect(page.getByText('Найдено: 0 организаций')).toBeVisible();
});
