import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the packaged shape of the app: the real Electron main
 * process (dist-electron/main.cjs), preload, IPC and renderer. Separate from
 * playwright.config.ts (Chromium through the Node host, testDir test/e2e).
 *
 *   npm run build && npx playwright test -c playwright.electron.config.ts
 *
 * Where the Electron binary is not installed (it cannot be downloaded on some
 * machines), the tests report themselves as skipped with the reason.
 */
export default defineConfig({
  testDir: 'test/e2e-electron',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
