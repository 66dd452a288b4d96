import { test, expect, Page, ConsoleMessage } from '@playwright/test';
import { loginAdmin } from './helpers';

// Every page type loads under the Content-Security-Policy with no violation: the islands
// hydrate (their bootstrap script carries the nonce), the map and the location picker load
// Leaflet from our own files, and nothing inline is refused.

function watchViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text)) {
      problems.push(`${page.url()}: ${text}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return problems;
}

test('public pages, the map and the search island load with no CSP violation', async ({ page }) => {
  const problems = watchViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expect(page.locator('section.search[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('#map .leaflet-overlay-pane path').first()).toBeVisible({ timeout: 30_000 });
  await page.goto('/?q=пожилым&map=1&mode=choropleth');
  await expect(page.locator('section.search[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  const org = await page.locator('.card-title a').first().getAttribute('href');
  for (const path of [org!, '/okrug', '/okrug/ketovsky', '/login', '/register', '/password/forgot', '/no-such-page']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test('account, staff and editing pages load with no CSP violation', async ({ page }) => {
  const problems = watchViolations(page);
  await loginAdmin(page);
  await page.goto('/');
  const href = await page.locator('.card-title a').first().getAttribute('href');
  const id = Number(/\/org\/(\d+)/.exec(href!)![1]);
  for (const path of ['/account', '/account/security', '/staff', '/staff/audit', '/admin', '/admin/accounts',
    `/org/${id}/history`, `/org/${id}/manage`, '/org/new']) {
    await page.goto(path);
    await expect(page.locator('main h1').first()).toBeVisible();
  }
  await page.goto(`/org/${id}/edit`);
  await expect(page.locator('.edit-helper[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Выбрать место на карте' }).click();
  await expect(page.locator('#location-picker .leaflet-overlay-pane path')).toHaveCount(26);
  expect(problems).toEqual([]);
});

test('responses carry the security headers a browser enforces', async ({ page }) => {
  const response = await page.goto('/');
  const h = response!.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['permissions-policy']).toContain('camera=()');
  // Another site cannot frame us: the browser refuses to render the page in a frame.
  await page.setContent(`<iframe id="f" src="${page.url()}"></iframe>`);
  const frame = page.frameLocator('#f');
  await expect(frame.locator('main')).toHaveCount(0);
});
