import { expect, test, type Page } from '@playwright/test';
import { newScheme, setJsonText } from './editor-helpers';

/**
 * The app runs under its Content-Security-Policy, Monaco and its workers included, with every request
 * that leaves the machine blocked: scripts by a per-page nonce, so one injected into a page does not
 * run; no page may be framed; a server action from another site is a 403.
 */

/** Collects every CSP violation the page reports, as events and as console errors. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI}`),
    );
  });
  await page.route('**/*', (route) => (['127.0.0.1', 'localhost'].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
  return violations;
}

/** One directive's sources, e.g. `directive(csp, 'script-src')` → ["'self'", "'nonce-…'", …]. */
const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1) ?? [];

test('pages, the editor and its JSON tab (Monaco and its workers) work under the CSP with no violation', async ({ page }) => {
  test.setTimeout(180_000);
  const violations = await watchViolations(page);
  const response = await page.goto('/processors');
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()['x-frame-options']).toBe('DENY');
  // Scripts run by nonce: no inline script without it, no eval.
  const scripts = directive(csp, 'script-src');
  expect(scripts).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/), "'strict-dynamic'"]);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  await page.goto('/api-docs');
  await newScheme(page, 'Under the policy');
  await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'JSON' }).click();
  await expect(page.getByTestId('json-status')).toContainText('Valid document');
  // Monaco's JSON worker validates as you type: it loaded and runs under the policy.
  await setJsonText(page, '{\n  "format": "switchyard.scheme/v1",\n  "name": 42\n}');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  const workers = await Promise.all(page.workers().map((w) => w.evaluate(() => self.name)));
  expect(workers).toContain('scheme-checker');
  await page.screenshot({ path: 'test-results/csp-json-tab.png' });
  expect(violations).toEqual([]);
});

test('each page gets a nonce of its own, on every script Next.js writes into it', async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ['/processors', '/processors', '/schemes', '/api-docs']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy']!)![1]!;
    nonces.add(nonce);
    const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(3);
    expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`)), path).toEqual([]);
  }
  expect(nonces.size).toBe(4);
  // What is not a page gets the policy too, scripts from this origin only: the API, bundles, workers.
  for (const path of ['/api/health', '/icon.svg']) {
    const csp = (await request.get(path)).headers()['content-security-policy'] ?? '';
    expect(directive(csp, 'script-src'), path).toEqual(["'self'"]);
  }
});

test('a script injected into the markup of a page does not run, and is reported', async ({ page }) => {
  const violations = await watchViolations(page);
  // As a stored cross-site script would arrive: in the server's HTML, under the page's own policy header.
  await page.route('**/processors', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</body>', '<script>window.__injected = true</script></body>');
    await route.fulfill({ response, body });
  });
  await page.goto('/processors');
  await expect(page.getByRole('heading', { name: 'Processors' })).toBeVisible();
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(violations.join('\n')).toMatch(/script-src/);
});

test('no page can be framed by another site', async ({ page }) => {
  const base = test.info().project.use.baseURL!;
  await page.setContent(`<iframe id="f" src="${base}/processors"></iframe>`);
  await page.waitForTimeout(1500);
  const framed = page.frames().find((f) => f.url().includes('/processors'));
  const text = framed ? await framed.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
  expect(text).not.toContain('Processors');
});

test('a server action posted from another site is a clear 403', async ({ request }) => {
  const response = await request.post('/processors/new', {
    headers: { 'next-action': '0000000000000000000000000000000000000000', origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
    data: '[]',
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.type).toBe('forbidden');
});

test('a path that cannot be decoded is a 400 with a request id, not a 500', async ({ request }) => {
  for (const path of ['/api/v1/processors/%ff%fe', '/api/v1/processors/%00', '/processors/%ff']) {
    const response = await request.get(path, { headers: { authorization: 'Bearer sk_nope' } });
    expect(response.status(), path).toBe(400);
    expect(response.headers()['x-request-id']).toMatch(/^req_/);
  }
});
