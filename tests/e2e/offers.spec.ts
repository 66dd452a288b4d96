import { test, expect, Page, Browser } from '@playwright/test';
import { accessibilityViolations, linkFromMail, loginAdmin } from './helpers';

// Offers of help in a real browser: a leader offers a legal consultation on their
// organization's page, another organization's need shows it under «Могут помочь», and
// «Могу помочь» delivers a mail with the helper's page to the needing organization.

async function nthOrganization(page: Page, n: number) {
  await page.goto('/');
  const href = await page.locator('.card-title a').nth(n).getAttribute('href');
  return { id: Number(/\/org\/(\d+)/.exec(href!)![1]), href: href! };
}

/** The number of the first blank row of a list (`needs`, `offers`) in the edit form. */
async function blankRow(page: Page, list: string): Promise<number> {
  const selects = page.locator(`select[id^="f-${list}-"][id$="-kind"]`);
  const count = await selects.count();
  for (let i = 0; i < count; i++) {
    const s = selects.nth(i);
    if ((await s.inputValue()) === '') return Number(/-(\d+)-kind$/.exec((await s.getAttribute('id'))!)![1]);
  }
  throw new Error(`no blank ${list} row`);
}

async function newLeader(browser: Browser, baseURL: string | undefined, admin: Page, orgId: number, email: string) {
  await admin.goto(`/org/${orgId}/manage`);
  await admin.getByRole('button', { name: 'Создать ссылку-приглашение' }).click();
  const link = await admin.locator('#invite-link').inputValue();
  const leader = await (await browser.newContext({ baseURL, locale: 'ru-RU' })).newPage();
  await leader.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await leader.getByRole('link', { name: 'Зарегистрироваться' }).click();
  await leader.locator('#f-email').fill(email);
  await leader.locator('#f-display_name').fill('Ольга Петрова');
  await leader.locator('#f-password').fill('черёмуха у реки 2026');
  await leader.locator('#f-password_again').fill('черёмуха у реки 2026');
  await leader.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await leader.goto(await linkFromMail(email, '/verify-email/'));
  await leader.getByRole('button', { name: 'Подтвердить адрес' }).click();
  await leader.getByRole('button', { name: 'Принять приглашение' }).click();
  await expect(leader).toHaveURL(new RegExp(`/org/${orgId}/edit`));
  return leader;
}

test('a leader offers a legal consultation, a need nearby shows it, and «Могу помочь» delivers the mail', async ({ page, browser, baseURL }) => {
  await loginAdmin(page);
  const helper = await nthOrganization(page, 5);
  const needing = await nthOrganization(page, 6);

  // Staff give the needing organization a need and a public address to write to.
  await page.goto(`/org/${needing.id}/edit`);
  const n = await blankRow(page, 'needs');
  await page.locator(`#f-needs-${n}-kind`).selectOption('consultations');
  await page.locator(`#f-needs-${n}-title`).fill('Нужен юрист для устава');
  await page.locator('#f-email').fill('needing-org@poputchiki.test');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page).toHaveURL(/notice=saved/);

  // The helper's leader offers a legal consultation.
  const leader = await newLeader(browser, baseURL, page, helper.id, 'helper-leader@poputchiki.test');
  const o = await blankRow(leader, 'offers');
  await leader.locator(`#f-offers-${o}-kind`).selectOption('consultations');
  await leader.locator(`#f-offers-${o}-title`).fill('Юридическая консультация для НКО');
  await leader.getByRole('button', { name: 'Сохранить' }).click();
  await expect(leader).toHaveURL(/notice=saved/);
  await expect(leader.locator('#offers')).toContainText('Юридическая консультация для НКО');
  // Its editor's view of the page (offers, the partners section with its form) passes axe.
  await leader.locator('#partners summary').click();
  expect(await accessibilityViolations(leader)).toEqual([]);

  // The need shows it, nearest first (the only offer of that kind is first).
  await leader.goto(needing.href);
  const need = leader.locator('#needs li.need', { hasText: 'Нужен юрист для устава' });
  await expect(need.locator('.matches li').first()).toContainText('Юридическая консультация для НКО');
  await need.locator('summary', { hasText: 'Могу помочь' }).click();
  expect(await accessibilityViolations(leader)).toEqual([]);
  await need.locator('textarea').fill('Проведём консультацию в четверг');
  await need.getByRole('button', { name: 'Отправить предложение' }).click();
  await expect(leader).toHaveURL(/notice=help-sent/);
  await expect(leader.getByText('Письмо с вашими контактами отправлено')).toBeVisible();

  // The mail reached the needing organization with the helper's page in it.
  const link = await linkFromMail('needing-org@poputchiki.test', '/org/');
  expect(link).toContain(`/org/${helper.id}-`);

  // The region's network page passes axe too.
  await leader.goto('/network');
  await expect(leader.locator('h1')).toHaveText('Сеть попутчиков');
  expect(await accessibilityViolations(leader)).toEqual([]);
});
