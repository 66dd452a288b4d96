import { test, expect, Page, Browser } from '@playwright/test';
import { ADMIN, linkFromMail, login, loginAdmin } from './helpers';

// Self-editing in a real browser: a leader claims an organization with an invitation,
// edits a service and sees it on the public page; a wrong ИНН comes back with the message
// and the form still filled; and the same edit works with JavaScript off.
const shots = 'artifacts';

/** The id and URL of the n-th organization on the home page. */
async function nthOrganization(page: Page, n: number) {
  await page.goto('/');
  const href = await page.locator('.card-title a').nth(n).getAttribute('href');
  const id = Number(/\/org\/(\d+)/.exec(href!)![1]);
  return { id, href: href! };
}

async function freshPage(browser: Browser, baseURL: string | undefined, javaScriptEnabled = true) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled, locale: 'ru-RU' });
  return context.newPage();
}

test('a leader claims the organization with an invitation, edits a service and sees it published', async ({ page, browser, baseURL }) => {
  await loginAdmin(page);
  const org = await nthOrganization(page, 0);
  await page.goto(`/org/${org.id}/manage`);
  await page.getByRole('button', { name: 'Создать ссылку-приглашение' }).click();
  const link = await page.locator('#invite-link').inputValue();
  expect(link).toMatch(/\/invite\/[0-9a-f]{32}$/);
  await page.screenshot({ path: `${shots}/guide-invite.png`, fullPage: false });

  const leader = await freshPage(browser, baseURL);
  await leader.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await leader.getByRole('link', { name: 'Зарегистрироваться' }).click();
  await leader.locator('#f-email').fill('leader@poputchiki.test');
  await leader.locator('#f-display_name').fill('Мария Иванова');
  await leader.locator('#f-password').fill('сирень у крыльца 2026');
  await leader.locator('#f-password_again').fill('сирень у крыльца 2026');
  await leader.screenshot({ path: `${shots}/guide-register.png` });
  await leader.getByRole('button', { name: 'Зарегистрироваться' }).click();
  // The address is confirmed from the mail before the invitation can be accepted.
  await expect(leader.getByText('Проверьте почту')).toBeVisible();
  await leader.goto(await linkFromMail('leader@poputchiki.test', '/verify-email/'));
  await leader.getByRole('button', { name: 'Подтвердить адрес' }).click();
  await expect(leader.getByRole('button', { name: 'Принять приглашение' })).toBeVisible();
  await leader.getByRole('button', { name: 'Принять приглашение' }).click();
  await expect(leader).toHaveURL(new RegExp(`/org/${org.id}/edit`));
  await expect(leader.getByText('Приглашение принято')).toBeVisible();

  const service = leader.locator('#f-services-1-name');
  await service.fill('Помощь с дровами для пожилых');
  await leader.locator('#f-services-1-cost').selectOption('free');
  await leader.screenshot({ path: `${shots}/guide-edit.png` });
  await leader.getByRole('button', { name: 'Сохранить' }).click();
  await expect(leader).toHaveURL(/notice=saved/);
  await expect(leader.getByText('Сохранено.')).toBeVisible();
  await expect(leader.locator('#services')).toContainText('Помощь с дровами для пожилых');
  await leader.screenshot({ path: `${shots}/guide-saved.png` });

  // Anyone sees it, in search too.
  const visitor = await freshPage(browser, baseURL);
  await visitor.goto('/?q=дровами');
  await expect(visitor.locator(`.card[data-org-id="${org.id}"]`)).toBeVisible();
  await leader.goto(`/org/${org.id}/history`);
  await expect(leader.locator('ins').first()).toContainText('Помощь с дровами для пожилых');
  await leader.screenshot({ path: `${shots}/guide-history.png` });
});

test('a wrong ИНН comes back with the message, and everything typed is still there', async ({ page }) => {
  await loginAdmin(page);
  const org = await nthOrganization(page, 1);
  await page.goto(`/org/${org.id}/edit`);
  await page.locator('#f-summary').fill('Возим продукты одиноким пожилым людям');
  await page.locator('#f-inn').fill('4501000001');
  await page.locator('#f-services-2-name').fill('Новая услуга: чтение вслух');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page.locator('.error-summary')).toContainText('неверная контрольная цифра');
  await expect(page.locator('#f-inn')).toHaveValue('4501000001');
  await expect(page.locator('#f-inn')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-summary')).toHaveValue('Возим продукты одиноким пожилым людям');
  await expect(page.locator('#f-services-2-name')).toHaveValue('Новая услуга: чтение вслух');
  await page.locator('#f-inn').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/guide-error.png` });
  // Reloading loses nothing either.
  await page.reload();
  await expect(page.locator('#f-summary')).toHaveValue('Возим продукты одиноким пожилым людям');
});

test('the same edit works with JavaScript switched off', async ({ browser, baseURL }) => {
  const page = await freshPage(browser, baseURL, false);
  await loginAdmin(page);
  const org = await nthOrganization(page, 2);
  await page.goto(`/org/${org.id}/edit`);
  await page.locator('#f-services-1-name').fill('Юридическая консультация без JavaScript');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page).toHaveURL(/notice=saved/);
  await expect(page.locator('#services')).toContainText('Юридическая консультация без JavaScript');
});

test('with JavaScript the form checks the ИНН on the spot and a map click fills in the coordinates', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await loginAdmin(page);
  const org = await nthOrganization(page, 3);
  await page.goto(`/org/${org.id}/edit`);
  await expect(page.locator('.edit-helper[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.locator('#f-inn').fill('4501000001');
  await page.locator('#f-inn').press('Tab');
  await expect(page.locator('#f-inn-live')).toContainText('неверная контрольная цифра');
  await page.locator('#f-inn').fill('');
  await page.locator('#f-inn').press('Tab');
  await expect(page.locator('#f-inn-live')).toHaveCount(0);

  const before = await page.locator('#f-lat').inputValue();
  await page.getByRole('button', { name: 'Выбрать место на карте' }).click();
  await expect(page.locator('#location-picker .leaflet-overlay-pane path')).toHaveCount(26);
  const box = (await page.locator('#location-picker').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20);
  await expect(page.locator('#f-lat')).not.toHaveValue(before);
  const lat = await page.locator('#f-lat').inputValue();
  await page.screenshot({ path: `${shots}/guide-picker.png` });
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page).toHaveURL(/notice=saved/);
  await expect(page.locator('.coords')).toContainText(Number(lat.replace(',', '.')).toFixed(5).replace('.', '.'));
  expect(errors).toEqual([]);
});
