/**
 * First start, measured: `next dev` on a fresh clone's state (no embedded database, no dev build
 * cache), alternating two variants in one run.
 *
 *   node scripts/first-start.mjs [rounds=2] [port=3540] [dev|start] [database|journey]
 *
 * `database` (default): until the dashboard answers, with the embedded database created at server
 * start (instrumentation.ts) and on the first request (SWITCHYARD_DB_ON_START=0).
 * `journey`: a newcomer in Chromium, with the main routes warmed at server start and without
 * (SWITCHYARD_WARM_ROUTES=0): the dashboard, then at once the demo scheme's editor until its canvas
 * shows the nodes and a node's inspector opens, then an API key made on the API keys page and the
 * first POST /api/v1/decide with it. Times: each step from the end of the one before.
 * `start` measures `next start` on the last production build instead (no compile step).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './chromium.mjs';

const rounds = Number(process.argv[2] ?? 2);
const port = Number(process.argv[3] ?? 3540);
const server = process.argv[4] ?? 'dev';
const measure = process.argv[5] ?? 'database';
const VARIANTS = measure === 'journey' ? ['warm-up off', 'warm-up on'] : ['first request', 'server start'];
const DEV_CACHE = path.join(process.cwd(), '.next', 'dev');

async function firstPage(variant) {
  // Moved aside, not deleted in place: a stopped dev server may still be flushing its cache into it.
  if (server === 'dev' && existsSync(DEV_CACHE)) {
    const aside = mkdtempSync(path.join(tmpdir(), 'switchyard-dev-cache-'));
    renameSync(DEV_CACHE, path.join(aside, 'dev'));
    setTimeout(() => rmSync(aside, { recursive: true, force: true }), 5_000).unref();
  }
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'switchyard-first-start-')), 'data', 'pglite');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SWITCHYARD_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  if (variant === 'first request') env.SWITCHYARD_DB_ON_START = '0';
  if (variant === 'warm-up off') env.SWITCHYARD_WARM_ROUTES = '0';
  const started = performance.now();
  const child = spawn('npx', ['next', server, '-p', String(port), '-H', '127.0.0.1'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const marks = {};
  const lines = [];
  const watch = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      const at = (performance.now() - started) / 1000;
      if (/Ready in/.test(line)) marks.ready ??= at;
      if (/creating the embedded database/.test(line)) marks.dbStart ??= at;
      if (/embedded database ready/.test(line)) marks.dbReady ??= at;
    }
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', watch);
  try {
    for (;;) {
      if (performance.now() - started > 300_000) throw new Error(`no page after 300 s:\n${lines.join('\n')}`);
      try {
        // A newcomer's first page: the sign-in page, where the dashboard sends a browser without a session.
        const response = await fetch(`http://127.0.0.1:${port}/`);
        if (response.status === 200 && (await response.text()).includes('Sign in to Switchyard')) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const firstPage = (performance.now() - started) / 1000;
    return { variant, firstPage, ...marks, ...(measure === 'journey' ? await journey(`http://127.0.0.1:${port}`, () => demoAdmin(lines)) : {}) };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child.on('exit', r));
    rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
  }
}

/** The demo admin's email and password, as the terminal prints them on a first start. */
function demoAdmin(lines) {
  const text = lines.join('\n');
  const email = /email:\s+(\S+)/.exec(text)?.[1];
  const password = /password:\s+(\S+)/.exec(text)?.[1];
  if (!email || !password) throw new Error(`no demo sign-in printed:\n${text}`);
  return { email, password };
}

/**
 * The newcomer's next steps in Chromium, each timed from the end of the one before (seconds): the
 * sign-in page until it can be used, signing in with what the terminal printed until the dashboard
 * shows (the time to read the terminal not counted), the editor, an API key and the first decide.
 */
async function journey(origin, credentials) {
  const { chromium } = await import('@playwright/test');
  const executablePath = await findChromium();
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let at = performance.now();
    const lap = () => {
      const now = performance.now();
      const seconds = (now - at) / 1000;
      at = now;
      return seconds;
    };
    await page.goto(origin, { timeout: 300_000 });
    await page.getByLabel('Email').waitFor({ timeout: 300_000 });
    lap();
    let admin;
    for (;;) {
      try {
        admin = credentials();
        break;
      } catch (error) {
        if (performance.now() - at > 300_000) throw error;
        await new Promise((r) => setTimeout(r, 200)); // the database (and the demo admin) not ready yet
      }
    }
    lap(); // waiting for the terminal to say the password is not the app's time to respond
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('How payments are routed now').waitFor({ timeout: 300_000 });
    const dashboard = lap();
    await page.goto(`${origin}/schemes/sch_demo_eu_cards`, { timeout: 300_000 });
    await page.locator('.react-flow__node').nth(12).waitFor({ timeout: 300_000 });
    await page.locator('.react-flow__node .sy-node-head').first().click({ timeout: 300_000 });
    await page.getByTestId('inspector').getByRole('textbox', { name: /^Id/ }).waitFor({ timeout: 300_000 });
    const editor = lap();
    await page.goto(`${origin}/settings/api-keys`, { timeout: 300_000 });
    await page.getByLabel('Name').fill('first start');
    await page.getByRole('group', { name: 'Scopes' }).getByLabel('decide').check();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const secret = await page.getByTestId('new-secret').getByLabel('API key secret').inputValue({ timeout: 300_000 });
    lap();
    const response = await fetch(`${origin}/api/v1/decide`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ transaction: { id: 'pay_first', amount: 120, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' } } }),
    });
    if (response.status !== 200) throw new Error(`decide answered ${response.status}: ${await response.text()}`);
    return { dashboard, editor, decide: lap() };
  } finally {
    await browser.close();
  }
}

const f = (v) => (v === undefined ? '—' : `${v.toFixed(1)} s`);
const results = [];
for (let round = 0; round < rounds; round++) {
  for (const variant of VARIANTS) {
    const result = await firstPage(variant);
    results.push(result);
    const steps = measure === 'journey' ? `  then signed in to the dashboard ${f(result.dashboard)}  then editor ${f(result.editor)}  then first decide ${result.decide.toFixed(2)} s` : '';
    console.log(`${variant.padEnd(14)} ready ${f(result.ready)}  db created ${f(result.dbStart)} → ${f(result.dbReady)}  first page ${f(result.firstPage)}${steps}`);
  }
}
const mean = (variant, key) => {
  const list = results.filter((r) => r.variant === variant).map((r) => r[key]);
  return list.reduce((a, b) => a + b, 0) / list.length;
};
const [before, after] = VARIANTS;
for (const key of measure === 'journey' ? ['firstPage', 'dashboard', 'editor', 'decide'] : ['firstPage']) {
  const lazy = mean(before, key);
  const eager = mean(after, key);
  console.log(`next ${server}: mean ${key}: ${before} ${lazy.toFixed(2)} s, ${after} ${eager.toFixed(2)} s (${(eager / lazy).toFixed(2)}×)`);
}
