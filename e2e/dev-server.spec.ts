import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm run dev` as the README runs it to change the app (no host given: it listens on every address), opened at the
 * addresses it prints other than localhost, and a new API key whose secret must reach no log.
 * Its own dev server on a fresh embedded database; the production servers of the other specs are not
 * used. E2E_DEV_PORT, else E2E_PORT + 2.
 */
const PORT = Number(process.env.E2E_DEV_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 2);
/** A first start (creating the embedded database, compiling the page) on a busy machine takes minutes. */
const COMPILE_MS = 360_000;
/** The start-up warm-up compiles a dozen pages one after another: minutes more on a busy machine. */
const WARM_UP_MS = 600_000;

test.describe.configure({ mode: 'serial', timeout: 900_000 });

let server: ChildProcess;
let output = '';
let folder = '';

test.use({ storageState: { cookies: [], origins: [] } }); // the other specs' session belongs to another server

test.beforeAll(async () => {
  test.setTimeout(COMPILE_MS);
  folder = mkdtempSync(path.join(tmpdir(), 'switchyard-dev-e2e-'));
  server = spawn('npm', ['run', 'dev', '--', '-p', String(PORT)], {
    env: { ...process.env, DATABASE_URL: '', SWITCHYARD_DATA_DIR: path.join(folder, 'pglite'), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout!.on('data', (chunk) => (output += String(chunk)));
  server.stderr!.on('data', (chunk) => (output += String(chunk)));
  for (const started = Date.now(); !/Ready in/.test(output); ) {
    if (Date.now() - started > COMPILE_MS || server.exitCode !== null) throw new Error(`next dev did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  if (server?.pid) {
    process.kill(-server.pid, 'SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  rmSync(folder, { recursive: true, force: true });
});

/** This machine's IPv4 addresses other than loopback: where `next dev` says "Network". */
const networkAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);

/** Every console message and page error of the page, as text. */
function recordConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
  return lines;
}

/** The demo admin the first start prints in the terminal (and only there), once the database is made. */
async function demoAdmin(): Promise<{ email: string; password: string }> {
  for (const started = Date.now(); ; ) {
    const email = /email:\s+(\S+)/.exec(output)?.[1];
    const password = /password:\s+(\S+)/.exec(output)?.[1];
    if (email && password) return { email, password };
    if (Date.now() - started > COMPILE_MS) throw new Error(`no demo sign-in printed:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Signs in at this address of the dev server (cookies belong to a host), then opens `next`. After the
 * start-up warm-up: while `next dev` compiles routes it may reload an open page, which empties a form
 * being filled in.
 */
async function signInAt(page: Page, origin: string, next: string): Promise<void> {
  const admin = await demoAdmin();
  for (const started = Date.now(); !/main pages compiled/.test(output); ) {
    if (Date.now() - started > WARM_UP_MS) throw new Error(`the warm-up did not finish:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  await page.goto(`${origin}/sign-in?next=${encodeURIComponent(next)}`, { timeout: COMPILE_MS, waitUntil: 'commit' });
  await page.getByLabel('Email').fill(admin.email, { timeout: COMPILE_MS });
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(admin.email, { timeout: COMPILE_MS });
}

test('the editor works at 127.0.0.1 and at the network address, not only at localhost', async ({ page }) => {
  const consoleLines = recordConsole(page);
  for (const host of ['127.0.0.1', ...networkAddresses().slice(0, 1)]) {
    await signInAt(page, `http://${host}:${PORT}`, '/schemes/sch_demo_eu_cards');
    // Nodes are drawn only once the page's scripts ran: blocked dev resources leave an empty canvas.
    await expect(page.locator('.react-flow__node')).toHaveCount(13, { timeout: COMPILE_MS });
    await page.getByTestId('node-is_eu').locator('.sy-node-head').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByRole('button', { name: '+ Rule' }).click();
    await expect(inspector.getByRole('listbox', { name: 'Attributes' })).toContainText('Shipping country', { timeout: 30_000 });
    await page.screenshot({ path: `test-results/dev-server-${host.replaceAll('.', '-')}.png` });
    // Still the same page a moment later: a failing HMR socket makes Next reload it.
    const loaded = await page.evaluate(() => performance.timeOrigin);
    await page.waitForTimeout(2_000);
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded);
  }
  expect(output).not.toMatch(/Blocked cross-origin request/i);
  expect(consoleLines.filter((l) => /webpack-hmr|cross-origin|WebSocket/i.test(l))).toEqual([]);
});

test('a new API key’s secret reaches no log, console, error page or answer, and its row shows once', async ({ page }) => {
  const consoleLines = recordConsole(page);
  await signInAt(page, `http://127.0.0.1:${PORT}`, '/settings/api-keys');
  await page.getByLabel('Name').fill('Log check', { timeout: COMPILE_MS });
  await page.getByRole('group', { name: 'Scopes' }).getByLabel('decide').check();
  await page.getByRole('button', { name: 'Create API key' }).click();
  const shown = page.getByTestId('new-secret');
  const secret = await shown.getByLabel('API key secret').inputValue({ timeout: COMPILE_MS });
  expect(secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
  await expect(shown).toHaveCount(1);
  await expect(page.locator('tr', { hasText: 'Log check' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/dev-server-api-key.png', fullPage: true });

  // Use it where errors are answered and logged: a bad body, a malformed payment, an unknown path.
  const answers = await page.evaluate(async (secret) => {
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const texts: string[] = [];
    for (const [path, body] of [['/api/v1/decide', '{"transaction":'], ['/api/v1/decide', '{"transaction":{"amount":"abc"}}'], ['/api/v1/nowhere', '{}']] as const) {
      texts.push(await (await fetch(path, { method: 'POST', headers, body })).text());
    }
    return texts;
  }, secret);
  expect(answers.some((a) => a.includes('"warnings"'))).toBe(true);
  for (const answer of answers) expect(answer).not.toContain(secret);

  await page.reload();
  await expect(page.locator('tr', { hasText: 'Log check' })).toHaveCount(1);
  await page.waitForTimeout(2_000); // the dev server forwards browser messages to its terminal a moment later
  expect(consoleLines.filter((l) => l.includes(secret))).toEqual([]);
  expect(consoleLines.filter((l) => /same key/i.test(l))).toEqual([]);
  const leaked = output.split('\n').filter((l) => l.includes(secret.slice(11)));
  expect(leaked).toEqual([]);
});
