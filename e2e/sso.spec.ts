import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signIn } from './auth';
import { startTestIdp, type TestIdp } from './support/test-idp';

/**
 * Single sign-on end to end: a real OpenID Connect provider on https (e2e/support/test-idp.ts) and
 * a production server of its own (`next start`, a fresh embedded database) configured for it by the
 * SWITCHYARD_SSO_* variables, trusting the provider's certificate through NODE_EXTRA_CA_CERTS.
 * Sign in with SSO → the provider's login and consent → back, signed in, with the configured role;
 * another domain is refused in words; sign-out; the audit trail has the SSO sign-in.
 */
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
const APP_PORT = BASE_PORT + 10;
const IDP_PORT = BASE_PORT + 11;
const APP = `http://127.0.0.1:${APP_PORT}`;
const DOMAIN = 'sso.test';
const ADMIN = { email: 'admin@e2e-sso.test', password: randomBytes(12).toString('base64url') };
const ANA = 'ana@sso.test';
const PAT = 'pat@sso.test';

test.describe.configure({ mode: 'serial' });

let idp: TestIdp;
let server: ChildProcess | undefined;
let serverLog = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  idp = await startTestIdp({ port: IDP_PORT, redirectUri: `${APP}/api/auth/sso/callback/oidc` });
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'switchyard-sso-')), 'data', 'pglite');
  server = spawn('npx', ['next', 'start', '-p', String(APP_PORT), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      SWITCHYARD_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: '1',
      SWITCHYARD_ADMIN_EMAIL: ADMIN.email,
      SWITCHYARD_ADMIN_PASSWORD: ADMIN.password,
      SWITCHYARD_SIGN_IN_LIMIT: '1000',
      // SSO needs the app's public URL: the provider sends the browser back to <it>/api/auth/sso/callback/oidc.
      BETTER_AUTH_URL: APP,
      SWITCHYARD_SSO_ISSUER: idp.issuer,
      SWITCHYARD_SSO_CLIENT_ID: idp.clientId,
      SWITCHYARD_SSO_CLIENT_SECRET: idp.clientSecret,
      SWITCHYARD_SSO_DOMAIN: DOMAIN,
      SWITCHYARD_SSO_ROLE: 'editor',
      SWITCHYARD_SSO_NAME: 'Test IdP',
      // The provider's certificate is trusted the way an operator would trust a company's authority.
      NODE_EXTRA_CA_CERTS: idp.certificateFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: `npx` and the server under it end together
  });
  const keep = (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-20_000));
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  // The sign-in page answers once the fresh database is made and the first admin with it.
  await waitFor(`${APP}/sign-in`, 150_000);
});

test.afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await idp?.close();
});

test.afterEach(() => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus) console.log(`SSO server log (last part):\n${serverLog.slice(-4000)}`);
});

/** A browser with no session on the SSO server; it accepts the provider's certificate made for this run. */
const freshContext = (browser: Browser) => browser.newContext({ baseURL: APP, ignoreHTTPSErrors: true, storageState: { cookies: [], origins: [] } });

/** From the sign-in page through the provider's login (any password) and, the first time, its consent. */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
  await page.waitForURL((url) => url.origin === idp.issuer, { timeout: 30_000 });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // Next: the provider's consent page (first time for this account and browser), or straight back.
  const consent = page.getByRole('button', { name: 'Continue' });
  const back = page.getByTestId('signed-in-user').or(page.getByTestId('sso-failed'));
  await expect(consent.or(back)).toBeVisible({ timeout: 30_000 });
  if (await consent.isVisible()) await consent.click();
  await page.waitForURL((url) => url.origin === APP, { timeout: 30_000 });
}

test('a new user signs in with SSO, gets the configured role, comes back to the page, and signs out', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await freshContext(browser);
  const page = await context.newPage();
  await page.goto('/processors');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprocessors/);
  await expect(page.getByRole('button', { name: 'Sign in with Test IdP' })).toBeEnabled();
  await signInWithSso(page, ANA);
  await expect(page).toHaveURL(`${APP}/processors`);
  const who = page.getByTestId('signed-in-user');
  await expect(who).toContainText(ANA);
  await expect(who).toContainText('Editor');
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toContainText('Processors');
  await page.screenshot({ path: 'test-results/sso-signed-in.png' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=/);

  // Again: the same user, now known, with the provider's session still open (no login form, no consent).
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
  await page.waitForURL((url) => url.origin === APP && url.pathname === '/', { timeout: 30_000 });
  await expect(page.getByTestId('signed-in-user')).toContainText(ANA);
  await context.close();
});

test('an address outside the allowed domain is refused in words, and gets no session', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await freshContext(browser);
  const page = await context.newPage();
  await page.goto('/sign-in?next=%2Froutes');
  await signInWithSso(page, 'eve@elsewhere.test');
  await expect(page).toHaveURL(/\/sign-in\?sso=failed/);
  await expect(page.getByTestId('sso-failed')).toHaveText(`Only ${DOMAIN} addresses may sign in with single sign-on. Ask an admin of this Switchyard if you need an account for another address.`);
  await page.screenshot({ path: 'test-results/sso-refused.png' });
  await page.goto('/routes');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Froutes/);
  await context.close();
});

test('the admin sees the SSO user with its role, and the SSO sign-in and the refusal in the audit trail', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signIn(page, ADMIN, '/settings/users', APP);
  const ana = page.getByRole('main').getByTestId(`user-${ANA}`);
  await expect(ana.getByLabel(`Role of ${ANA}`)).toHaveValue('editor');
  await expect(ana).toContainText('sso');

  await page.goto(`/audit?action=sign_in&who=${encodeURIComponent(ANA)}`);
  const table = page.getByRole('main').getByTestId('audit-table');
  await expect(table).toContainText(ANA);
  await expect(table).toContainText('"via":"sso"');
  await page.screenshot({ path: 'test-results/sso-audit.png', fullPage: true });

  await page.goto('/audit?action=sign_in_failed');
  await expect(table).toContainText('eve@elsewhere.test');
  await expect(table).toContainText('email domain not allowed');
  await page.goto(`/audit?action=create&entity=user`);
  await expect(table).toContainText(ANA);
  await context.close();
});

test('a disabled SSO user, and an address that has a password account, are refused in words', async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await freshContext(browser);
  const admin = await context.newPage();
  await signIn(admin, ADMIN, '/settings/users', APP);
  // An admin made pat@sso.test with a password: the provider does not take that account over.
  const form = admin.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Email').fill(PAT);
  await form.getByLabel('Role').selectOption('publisher');
  await form.getByLabel('Password').fill(randomBytes(12).toString('base64url'));
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(admin.getByRole('main').getByTestId(`user-${PAT}`)).toBeVisible();
  // Ana is disabled.
  admin.once('dialog', (dialog) => void dialog.accept());
  await admin.getByRole('main').getByTestId(`user-${ANA}`).getByRole('button', { name: 'Disable' }).click();
  await expect(admin.getByRole('main').getByTestId(`user-${ANA}`)).toContainText('disabled');

  for (const [login, words] of [[PAT, 'already has a Switchyard account with a password'], [ANA, 'This account is disabled. Ask an admin to enable it.']] as const) {
    const browserOf = await freshContext(browser);
    const page = await browserOf.newPage();
    await page.goto('/sign-in');
    await signInWithSso(page, login);
    await expect(page).toHaveURL(/\/sign-in\?sso=failed/);
    await expect(page.getByTestId('sso-failed')).toContainText(words);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await browserOf.close();
  }
  await context.close();
});

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`the SSO test server exited (${server.exitCode}):\n${serverLog.slice(-4000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up in ${timeoutMs / 1000} s:\n${serverLog.slice(-4000)}`);
}
