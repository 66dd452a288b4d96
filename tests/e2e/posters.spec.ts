import { test, expect, APIRequestContext } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { accessibilityViolations } from './helpers';

// Posters for the noticeboard, printed as a person would: Chromium prints the page to PDF
// (--print-to-pdf), pdfinfo counts its A4 pages, pdftoppm rasterizes them and zbarimg (an
// independent decoder from Debian's zbar-tools) reads the QR code back, which must be the
// page's address printed under it.

function printToPdf(url: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poster-'));
  const pdf = path.join(dir, 'poster.pdf');
  execFileSync('/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`, url,
  ], { stdio: 'pipe', timeout: 60_000 });
  return pdf;
}

/** The number of pages, and whether every page is A4. */
function pdfPages(pdf: string): { pages: number; a4: boolean } {
  const info = execFileSync('pdfinfo', [pdf]).toString();
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  return { pages, a4: /^Page size:.*\(A4\)/m.test(info) };
}

/** Every QR code on every page, as zbarimg reads it from 150 dpi pictures. */
function qrCodes(pdf: string): string[] {
  const dir = path.dirname(pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', pdf, path.join(dir, 'page')]);
  const pngs = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).map((f) => path.join(dir, f));
  let out = '';
  try {
    out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', ...pngs]).toString();
  } catch (e: any) {
    // zbarimg exits 4 when it finds no code at all; what it found is still on stdout.
    out = e.stdout?.toString() ?? '';
  }
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}

async function firstUrl(request: APIRequestContext, q: string): Promise<string> {
  const res = await request.get(`/api/v1/search?q=${encodeURIComponent(q)}&per_page=1`);
  expect(res.ok()).toBeTruthy();
  return (await res.json()).items[0].url;
}

test('an organization poster is one A4 page whose QR code opens the organization', async ({ page, request, baseURL }) => {
  // The longest name, one with several services, and the first card of the home page.
  const urls = [
    await firstUrl(request, 'Комплексный центр социального обслуживания Шадринского'),
    await firstUrl(request, 'Благотворительная служба прихода храма Казанской иконы'),
  ];
  await page.goto('/');
  urls.push((await page.locator('.card a[href^="/org/"]').first().getAttribute('href')) ?? '');
  for (const [i, url] of urls.entries()) {
    await page.goto(url);
    await page.getByRole('link', { name: 'Плакат для доски объявлений' }).click();
    await expect(page).toHaveURL(new RegExp(`${url}/poster$`));
    await expect(page.locator('.poster h1')).toBeVisible();
    if (i === 0) expect(await accessibilityViolations(page)).toEqual([]);
    const printed = (await page.locator('.poster-url').textContent())?.trim() ?? '';
    expect(printed.endsWith(url)).toBeTruthy();
    const pdf = printToPdf(`${baseURL}${url}/poster`);
    expect(pdfPages(pdf)).toEqual({ pages: 1, a4: true });
    expect(qrCodes(pdf)).toEqual([printed]);
  }
});

test('an okrug poster fits two A4 pages and its QR code opens the okrug', async ({ page, baseURL }) => {
  // Kurgan has the most demo organizations (39).
  await page.goto('/okrug/kurgan');
  await page.getByRole('link', { name: /Плакат «Кто помогает в округе»/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Кто помогает в вашем округе');
  expect(await accessibilityViolations(page)).toEqual([]);
  const printed = (await page.locator('.poster-url').textContent())?.trim() ?? '';
  expect(printed.endsWith('/okrug/kurgan')).toBeTruthy();
  const pdf = printToPdf(`${baseURL}/okrug/kurgan/poster`);
  const { pages, a4 } = pdfPages(pdf);
  expect(a4).toBeTruthy();
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  expect(qrCodes(pdf)).toEqual([printed]);
});
