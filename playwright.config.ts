import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against
 * the Node host serving the built renderer (`npm run build` first).
 *
 * Each run gets a fresh data folder. The config is loaded by the runner and
 * again by each worker; the folder made first is handed down through the
 * environment so all of them agree on it.
 */
process.env.LTC_E2E_DATA ??= mkdtempSync(path.join(os.tmpdir(), 'ltc-e2e-'));
const PORT = Number(process.env.LTC_E2E_PORT ?? 5199);
const BASE_URL = `http://127.0.0.1:${PORT}/`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
      // The browser's own UI language, as clerks run it (Electron is started with --lang=zh-CN): date
      // inputs read 2025/09/26, not 09/26/2025. On Linux Chromium takes it from LANGUAGE; the zh-CN
      // pack comes with Debian's chromium-l10n (build/ensure-test-deps.sh installs it).
      env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh' },
    },
  },
  webServer: {
    command: `npx tsx host/server.ts --data "${process.env.LTC_E2E_DATA}" --port ${PORT} --today 2025-09-29`,
    url: `${BASE_URL}index.html`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
