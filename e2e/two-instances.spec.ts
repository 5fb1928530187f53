import { expect, test } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import postgres from 'postgres';
import { signIn } from './auth';

/**
 * Scale-out: two production servers (`npm start`) on one real Postgres database of their own. A
 * publish through one must change the other's decisions within a second (LISTEN/NOTIFY, no polling).
 * Needs DATABASE_URL (CI sets it); skipped without it.
 */
const url = process.env.DATABASE_URL;
const SCHEME = 'sch_demo_eu_cards';
/** The servers' first admin, from SWITCHYARD_ADMIN_* at their start. */
const OPERATOR = { email: 'ops@two.test', password: randomBytes(12).toString('base64url') };
const TX = { id: 'tx_two', amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { country: 'DE', risk_score: 10 } };

test.describe('two instances on one Postgres', () => {
  test.skip(!url, 'needs DATABASE_URL (a real Postgres)');
  const name = `switchyard_two_${randomBytes(4).toString('hex')}`;
  const servers: ChildProcess[] = [];
  let secret = '';
  let ports: number[] = [];
  let databaseUrl = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const own = new URL(url!);
    own.pathname = `/${name}`;
    databaseUrl = own.toString();
    const env = { ...process.env, DATABASE_URL: databaseUrl, SWITCHYARD_ADMIN_EMAIL: OPERATOR.email, SWITCHYARD_ADMIN_PASSWORD: OPERATOR.password };
    const output = execFileSync('npx', ['tsx', '--conditions=react-server', 'e2e/support/prepare-database.ts'], { env, encoding: 'utf8' });
    secret = (JSON.parse(output.trim().split('\n').pop()!) as { secret: string }).secret;
    ports = await freePorts(2);
    for (const port of ports) {
      servers.push(spawn('node', ['--import', 'tsx', '--import', './server/server-only.mjs', 'server/main.ts', '-p', String(port), '-H', '127.0.0.1'], {
        env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      }));
    }
    for (const port of ports) await waitFor(`http://127.0.0.1:${port}/api/health`);
  });

  test.afterAll(async () => {
    for (const server of servers) server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  });

  test('a publish through one instance changes the other’s decisions within a second', async ({ page }) => {
    const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    const call = async (base: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(base + path, { method, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: response.status, body: await response.json() };
    };
    const decideOn = (base: string) => call(base, 'POST', '/api/v1/decide', { transaction: TX });

    expect((await decideOn(b)).body).toMatchObject({ processor: 'proc_adyen_eu', scheme: { id: SCHEME, version: 1 } });

    // Change the draft through instance A's API, publish and activate through A's page.
    const draft = await call(a, 'GET', `/api/v1/schemes/${SCHEME}`);
    const document = structuredClone(draft.body.document);
    document.nodes.eu_priority.processors = ['proc_checkout', 'proc_adyen_eu'];
    expect((await call(a, 'PUT', `/api/v1/schemes/${SCHEME}`, { document, revision: draft.body.revision })).status).toBe(200);
    await signIn(page, OPERATOR, `/schemes/${SCHEME}/versions`, a);
    const form = page.getByTestId('publish-form');
    await form.getByLabel('Note').fill('published through instance A');
    await form.getByLabel(/Activate this version now/).check();
    await form.getByRole('button', { name: /Publish revision/ }).click();
    await expect(form.getByRole('status')).toContainText('Published version 2 and activated it');
    const published = Date.now();

    // Instance B never served the publish: it must learn of it by NOTIFY.
    let seen = 0;
    for (;;) {
      const answer = await decideOn(b);
      if (answer.body.scheme?.version === 2) {
        seen = Date.now();
        expect(answer.body.processor).toBe('proc_checkout');
        break;
      }
      expect(Date.now() - published).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen - published).toBeLessThan(1000);
    test.info().annotations.push({ type: 'propagation', description: `${seen - published} ms from publish to the other instance's decision` });
    console.log(`two instances: the other instance decided with version 2 ${seen - published} ms after the publish`);
    const health = await (await fetch(`${b}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { kind: 'postgres' }, cache: { active: { scheme_id: SCHEME, version: 2 } } });
  });
});

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}
