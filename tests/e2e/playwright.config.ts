// Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against the real
// server binary with the demo data on a throwaway database. No browser is downloaded.
import { defineConfig } from '@playwright/test';

const port = process.env.E2E_PORT ?? '3100';

export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'ru-RU',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    // Started from the repository root (the test script sets E2E_DATA_DIR to a fresh folder).
    // E2E_SERVER_BIN picks the binary; it must match the WASM in target/site (a debug
    // server with release WASM, or the reverse, fails hydration).
    command: './start-server.sh',
    cwd: '.',
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    env: {
      POPUTCHIKI_ADDR: `127.0.0.1:${port}`,
      POPUTCHIKI_DATA_DIR: process.env.E2E_DATA_DIR ?? '../../target/e2e-data',
      POPUTCHIKI_SEED_DIR: '../../seed/regions',
      POPUTCHIKI_DEMO: '1',
      LEPTOS_SITE_ROOT: '../../target/site',
      RUST_LOG: 'warn',
      E2E_SERVER_BIN: process.env.E2E_SERVER_BIN ?? '../../target/debug/server',
      E2E_ADMIN_EMAIL: 'admin@poputchiki.test',
      E2E_ADMIN_PASSWORD: 'e2e пароль администратора',
    },
  },
});
