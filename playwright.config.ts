import { defineConfig, devices } from '@playwright/test';
import { randomBytes } from 'node:crypto';
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
// The test server's first admin, made at its start from SWITCHYARD_ADMIN_*; a fresh password each run.
process.env.E2E_ADMIN_EMAIL ??= 'admin@e2e.test';
process.env.E2E_ADMIN_PASSWORD ??= randomBytes(12).toString('base64url');
const ADMIN_STATE = 'test-results/.auth/admin.json';

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;

const LIVE_CHANGING = [/rollouts\.spec\.ts/, /scheduled-changes\.spec\.ts/];
const signedIn = {
  ...devices['Desktop Chrome'],
  storageState: ADMIN_STATE,
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    // Without these, Chromium keeps trying to reach Google's services on a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

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
    // Signs in once as the admin; every other spec starts with that session (e2e/auth.ts).
    { name: 'sign in', testMatch: /sign-in\.setup\.ts/, use: { ...devices['Desktop Chrome'], launchOptions: { ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] } } },
    { name: 'chromium', dependencies: ['sign in'], testIgnore: LIVE_CHANGING, use: signedIn },
    // These change what is live for the whole account for a while (a canary, a scheduled activation):
    // `npm run test:e2e` runs them after the rest, one at a time (scripts/e2e.mjs), so no other spec
    // sees its traffic split or its version.
    { name: 'live changes', dependencies: ['sign in'], testMatch: LIVE_CHANGING, use: signedIn },
  ],
  webServer: [
    {
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      // Playwright merges this into process.env: DATABASE_URL must be blanked, not just left out.
      env: {
        DATABASE_URL: '',
        SWITCHYARD_DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: '1',
        SWITCHYARD_ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
        SWITCHYARD_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
        // Specs sign in many times from one address; the throttle itself is tested in lib/auth/sign-in.test.ts.
        SWITCHYARD_SIGN_IN_LIMIT: '1000',
        // Scheduled changes run within a second of their time and the canary guardrail looks every second
        // (e2e/scheduled-changes.spec.ts, e2e/rollouts.spec.ts); the default is 5 s.
        SWITCHYARD_TICK_MS: '1000',
      },
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
