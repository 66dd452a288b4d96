import { test, expect } from '@playwright/test';
import { accessibilityViolations } from './helpers';

// The events calendar on a village phone, with and without JavaScript: the list by day and
// the month grid pass axe, fit the screen, a busy day leads to its events, and the feed
// link is there for the phone's calendar app.

test('the calendar by day and by month works on a phone without JavaScript and passes axe', async ({ browser }) => {
  for (const javaScriptEnabled of [false, true]) {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled });
    const page = await ctx.newPage();
    await page.goto('/events');
    await expect(page.locator('h1')).toHaveText('Календарь событий');
    expect(await page.locator('li.event').count()).toBeGreaterThan(0);
    await expect(page.locator('a', { hasText: 'Подписаться на календарь' })).toHaveAttribute('href', /^webcal:\/\/.*\/events\.ics$/);
    // axe runs as a script in the page: only where the browser runs scripts.
    if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'По месяцам' }).click();
    await expect(page.locator('table.month')).toBeVisible();
    if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
    const [scroll, client] = await page.evaluate(() =>
      [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    // A busy day's number leads to that day's events in the list under the grid.
    const busy = page.locator('table.month a.day-number').first();
    if (await busy.count()) {
      const target = (await busy.getAttribute('href'))!;
      await busy.click();
      await expect(page.locator(target)).toBeInViewport();
    }
    await page.getByRole('link', { name: 'Следующий месяц →' }).click();
    await expect(page).toHaveURL(/view=month&month=\d{4}-\d{2}/);
    await ctx.close();
  }
});

test('the okrug filter narrows the list to that okrug', async ({ page }) => {
  await page.goto('/events');
  // The okrug of the first upcoming event: "Организация · Округ · место".
  const okrug = (await page.locator('li.event .card-meta').first().innerText()).split(' · ')[1].trim();
  await page.selectOption('#ev-okrug', { label: okrug });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(/okrug=[a-z_-]+/);
  const metas = await page.locator('li.event .card-meta').allInnerTexts();
  expect(metas.length).toBeGreaterThan(0);
  for (const m of metas) expect(m.split(' · ')[1].trim()).toBe(okrug);
});
