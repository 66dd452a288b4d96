import { test, expect } from '@playwright/test';
import { accessibilityViolations, linkFromMail } from './helpers';

// A villager subscribes to their okrug's news on a phone, without and with JavaScript:
// from the okrug page to the form (the okrug already chosen), the mailed link, its one
// button, and the unsubscribe link of the same mail. The pages pass axe and fit the screen.

test('subscribing to an okrug from its page, confirming by mail and unsubscribing', async ({ browser }) => {
  for (const javaScriptEnabled of [false, true]) {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled });
    const page = await ctx.newPage();
    await page.goto('/okrug');
    await page.locator('main a[href^="/okrug/"]').first().click();
    const okrug = page.url().split('/okrug/')[1];
    await page.getByRole('link', { name: 'Подписаться на новости округа' }).click();
    await expect(page.locator('h1')).toHaveText('Подписка на новости');
    await expect(page.locator('select[name="okrug"]')).toHaveValue(okrug);
    if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
    const [scroll, client] = await page.evaluate(() =>
      [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);

    const email = `village-${javaScriptEnabled ? 'js' : 'nojs'}@example.ru`;
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByRole('button', { name: 'Подписаться' }).click();
    await expect(page.getByText('Мы отправили письмо')).toBeVisible();

    await page.goto(await linkFromMail(email, '/subscribe/confirm/'));
    await expect(page.locator('h1')).toHaveText('Подтвердите подписку');
    if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Подтвердить подписку' }).click();
    await expect(page.getByText('Подписка подтверждена')).toBeVisible();

    await page.goto(await linkFromMail(email, '/unsubscribe/'));
    await page.getByRole('button', { name: 'Отписаться' }).click();
    await expect(page.getByText('Вы отписались')).toBeVisible();
    await ctx.close();
  }
});

test('the search page offers its view as a subscription and as an Atom feed', async ({ page, request }) => {
  await page.goto('/?okrug=ketovsky');
  const feed = page.getByRole('link', { name: 'Лента новостей (Atom)' });
  await expect(feed).toHaveAttribute('href', '/feed.atom?okrug=ketovsky');
  await expect(page.getByRole('link', { name: 'Подписаться на новости' }).first()).toHaveAttribute('href', /\/subscribe/);
  const answer = await request.get('/feed.atom?okrug=ketovsky');
  expect(answer.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  expect(await answer.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
});
