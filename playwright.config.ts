import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests run against the production build (`next start`) on a fresh, temporary embedded
 * database, even when DATABASE_URL is set for the database tests. A second server points at a
 * Postgres that does not exist, to check the "database cannot be reached" page.
 */
// E2E_PORT lets several checkouts run their end-to-end tests side by side on one machine.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DOWN_PORT = PORT + 1;
// A folder that does not exist yet, as on a fresh clone: the app must create it.
const dataDir = process.env.E2E_DATA_DIR ?? path.join(mkdtempSync(path.join(tmpdir(), 'switchyard-e2e-')), 'data', 'pglite');
process.env.E2E_DATA_DIR = dataDir; // the config is loaded again in each worker: keep one directory

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          // Without these, Chromium keeps trying to reach Google's services on a closed network.
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      // Playwright merges this into process.env: DATABASE_URL must be blanked, not just left out.
      env: { DATABASE_URL: '', SWITCHYARD_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' },
    },
    {
      command: `npx next start -p ${DOWN_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${DOWN_PORT}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable', NEXT_TELEMETRY_DISABLED: '1' },
    },
  ],
});
