// Shared steps of the browser tests: logging in (with the administrator's second factor),
// reading the mail the server wrote to its outbox, and TOTP codes computed as an
// authenticator app would (RFC 6238, SHA-1, 6 digits, 30 s).
import { expect, Page } from '@playwright/test';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const ADMIN = { email: 'admin@poputchiki.test', password: 'e2e пароль администратора' };

/** The server's data directory (a fresh one for every run of the test script). */
export const DATA_DIR = process.env.E2E_DATA_DIR ?? path.resolve(__dirname, '../../target/e2e-data');
const STATE_FILE = path.join(DATA_DIR, 'e2e-admin-2fa.json');

function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The TOTP code of `secret` for the 30-second step `step`. */
export function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 1000 / 30);

type SecondFactor = { secret: string; codes: string[]; lastStep: number };
const load = (): SecondFactor | null => (fs.existsSync(STATE_FILE) ? JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) : null);
const save = (s: SecondFactor) => fs.writeFileSync(STATE_FILE, JSON.stringify(s));

export async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(/\/(account|login\/code)/);
}

/**
 * Logs the administrator in. The first time, the second factor is set up from the page
 * (as a person with an authenticator app would); later logins type a fresh code, or a
 * recovery code when this 30-second step's code was already used.
 */
export async function loginAdmin(page: Page) {
  await login(page, ADMIN.email, ADMIN.password);
  if (/\/login\/code/.test(page.url())) {
    const state = load();
    expect(state, 'the second factor was set up earlier in this run').not.toBeNull();
    const step = currentStep();
    if (step > state!.lastStep) {
      await page.locator('#f-totp_code').fill(totp(state!.secret, step));
      state!.lastStep = step;
    } else {
      await page.locator('summary', { hasText: 'Нет доступа к приложению?' }).click();
      await page.locator('#f-recovery_code').fill(state!.codes.shift()!);
    }
    save(state!);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page).toHaveURL(/\/account/);
    return;
  }
  await page.goto('/account/second-factor');
  const secret = await page.locator('input[name="totp_secret"]').inputValue();
  const step = currentStep();
  await page.locator('#f-totp_code').fill(totp(secret, step));
  await page.getByRole('button', { name: 'Включить' }).click();
  await expect(page.locator('.recovery-codes code')).toHaveCount(10);
  const codes = await page.locator('.recovery-codes code').allTextContents();
  save({ secret, codes, lastStep: step });
  await page.getByRole('link', { name: 'Я записал коды' }).click();
  await expect(page).toHaveURL(/\/account/);
}

/** Decodes a mail body as written by lettre (base64 or quoted-printable). */
function decodeBody(eml: string): string {
  const [head, ...rest] = eml.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const joined = body.replace(/=\r?\n/g, '');
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

/** The newest link in a mail to `to` whose path starts with `prefix`, as a local path. */
export async function linkFromMail(to: string, prefix: string): Promise<string> {
  const outbox = path.join(DATA_DIR, 'outbox');
  for (let attempt = 0; attempt < 50; attempt++) {
    const files = fs.existsSync(outbox)
      ? fs.readdirSync(outbox).map((f) => path.join(outbox, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
      : [];
    for (const file of files) {
      const eml = fs.readFileSync(file, 'utf8');
      if (!eml.includes(to)) continue;
      const match = decodeBody(eml).match(new RegExp(`https?://[^/\\s]+(${prefix}[^\\s]*)`));
      if (match) return match[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with a ${prefix} link in ${outbox}`);
}

/** Runs axe-core (from npm) on the page; returns the WCAG 2.1 A/AA violations, one line each. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the devtools protocol: the page's CSP (rightly) forbids inline scripts.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`);
  });
  return found;
}
