import { expect, test, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { signIn } from './auth';

/**
 * Sign-in, roles and four-eyes as people use them: a signed-out browser is sent to sign in and back,
 * an admin adds users, four-eyes turns a publisher's activation into a request that a second
 * publisher approves in another browser, and the audit page shows it all.
 */
const SCHEME = 'sch_demo_eu_cards';
const password = () => randomBytes(9).toString('base64url') + 'Aa1';
const PIA = { email: 'pia@e2e.test', password: password() };
const PAT = { email: 'pat@e2e.test', password: password() };
const VIC = { email: 'vic@e2e.test', password: password() };

const signedOut = (browser: Browser) => browser.newContext({ storageState: { cookies: [], origins: [] } });

test('a signed-out browser goes to sign in, a wrong password is refused, and the right one comes back to the page', async ({ browser }) => {
  const context = await signedOut(browser);
  const page = await context.newPage();
  const addresses: string[] = [];
  page.on('request', (request) => addresses.push(request.url()));
  await page.goto('/processors');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprocessors/);
  await page.getByLabel('Email').fill(process.env.E2E_ADMIN_EMAIL!);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('Wrong email or password.');
  await page.screenshot({ path: 'test-results/access-sign-in-refused.png' });
  await page.getByLabel('Password').fill(process.env.E2E_ADMIN_PASSWORD!);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/processors$/);
  await expect(page.getByTestId('signed-in-user')).toContainText('Admin');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/processors');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  // The password went in a request body only: never in an address (history, proxies, server logs).
  expect(addresses.filter((a) => a.includes(encodeURIComponent(process.env.E2E_ADMIN_PASSWORD!)) || a.includes('password='))).toEqual([]);
  await context.close();
});

test('four-eyes: a publisher asks, a second publisher approves in another browser, the audit page shows who did what', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The admin adds two publishers and a viewer.
  await page.goto('/settings/users');
  for (const [user, role] of [[PIA, 'publisher'], [PAT, 'publisher'], [VIC, 'viewer']] as const) {
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email').fill(user.email);
    await form.getByLabel('Role').selectOption(role);
    await form.getByLabel('Password').fill(user.password);
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByTestId(`user-${user.email}`)).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/access-users.png', fullPage: true });

  // A viewer sees the versions but no way to publish or activate, and may not open the audit page.
  const viewerContext = await signedOut(browser);
  const viewer = await viewerContext.newPage();
  await signIn(viewer, VIC, `/schemes/${SCHEME}/versions`);
  await expect(viewer.getByTestId('version-history')).toBeVisible();
  await expect(viewer.getByTestId('publish')).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: /Activate|Roll back/ })).toHaveCount(0);
  // Refused pages answer 403 (not a 200 that only looks like a refusal), with the page saying why.
  expect((await viewer.goto('/audit'))?.status()).toBe(403);
  await expect(viewer.getByRole('main').getByTestId('forbidden')).toContainText('It needs the publisher role or above.');
  await viewer.screenshot({ path: 'test-results/access-forbidden.png' });
  await viewerContext.close();

  // Publish a second version so there is something to activate, then turn four-eyes on.
  await page.goto(`/schemes/${SCHEME}/versions`);
  const publishForm = page.getByTestId('publish-form');
  await publishForm.getByLabel('Note').fill('four-eyes candidate');
  await publishForm.getByRole('button', { name: /Publish revision/ }).click();
  // Another spec may have published this revision already: then it is refused, naming that version.
  const outcome = publishForm.locator('.notice').first();
  await expect(outcome).toContainText(/Published version \d+|already published as version \d+/);
  const published = Number(/(?:Published version|already published as version) (\d+)/.exec((await outcome.textContent()) ?? '')![1]);
  // The same revision again is refused, naming the version.
  await publishForm.getByRole('button', { name: /Publish revision/ }).click();
  await expect(publishForm.getByRole('alert').first()).toContainText(`already published as version ${published}`);
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Turn four-eyes on' }).click();
  await expect(page.getByTestId('four-eyes')).toContainText('On:');

  // Pia asks to make it live: the dialog says what changes; confirming sends a request, nothing goes live.
  const piaContext = await signedOut(browser);
  const pia = await piaContext.newPage();
  await signIn(pia, PIA, `/schemes/${SCHEME}/versions`);
  await pia.getByTestId(`version-${published}`).getByRole('button', { name: `Activate v${published}` }).click();
  const dialog = pia.getByTestId('go-live-dialog');
  await expect(dialog.getByTestId('go-live-summary')).toContainText(`EU cards first v${published} replaces EU cards first v`);
  await expect(dialog.getByTestId('go-live-summary')).toContainText('as the live routing for all traffic');
  const previous = Number(/replaces EU cards first v(\d+)/.exec((await dialog.getByTestId('go-live-summary').textContent()) ?? '')![1]);
  await expect(dialog).toContainText('Four-eyes approval is on');
  await pia.screenshot({ path: 'test-results/access-confirm-activation.png' });
  await dialog.getByTestId('go-live-confirm').click();
  await expect(pia.getByTestId('go-live-result')).toContainText('Requested');
  await expect(pia.getByTestId(`version-${published}`)).not.toContainText('active');
  await pia.reload();
  await expect(pia.getByTestId('approvals')).toContainText('Yours: another publisher or admin decides it.');

  // Pat, in a second browser, sees it on the dashboard and approves it.
  const patContext = await signedOut(browser);
  const pat = await patContext.newPage();
  await signIn(pat, PAT, '/');
  const pending = pat.getByTestId('dashboard-approvals');
  await expect(pending).toContainText(`Make EU cards first v${published} the live routing`);
  await expect(pending).toContainText(`requested by ${PIA.email}`);
  await pending.getByLabel('Comment').fill('checked the EU rules');
  await pat.screenshot({ path: 'test-results/access-approval.png', fullPage: true });
  await pending.getByRole('button', { name: 'Approve' }).click();
  await expect(pending.getByRole('status')).toContainText(`v${published} is live`);
  await pat.goto(`/schemes/${SCHEME}/versions`);
  await expect(pat.getByTestId(`version-${published}`)).toContainText('active');
  await expect(pat.getByTestId('version-events')).toContainText(`approved ${PIA.email}'s request`);
  await patContext.close();
  await piaContext.close();

  // Back to no four-eyes, which other specs expect.
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Turn four-eyes off' }).click();
  await expect(page.getByTestId('four-eyes')).toContainText('Off:');
  // And the version that was live before back live, which other specs expect too.
  await page.goto(`/schemes/${SCHEME}/versions`);
  await page.getByTestId(`version-${previous}`).getByRole('button', { name: `Roll back to v${previous}` }).click();
  await page.getByTestId('go-live-confirm').click();
  await expect(page.getByTestId(`version-${previous}`)).toContainText('active');

  // The audit page: filter to approvals; the CSV export streams the same entries.
  await page.goto('/audit');
  await page.getByLabel('What').selectOption('approve');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('audit-count')).toContainText('1 matching entry');
  await expect(page.getByTestId('audit-table')).toContainText(PAT.email);
  await page.screenshot({ path: 'test-results/access-audit.png', fullPage: true });
  const csv = await page.request.get('/audit/export?action=approve');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('id,at,actor,action,entity,entity_id,detail');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(PAT.email);
});

test('an editor\'s session is no key for the API, and a request without a session cannot export the audit trail', async ({ browser, request }) => {
  const context = await signedOut(browser);
  const api = await context.request.get('/api/v1/processors');
  expect(api.status()).toBe(401);
  expect((await api.json()).error.message).toMatch(/API key/);
  const withSession = await request.get('/api/v1/processors'); // the admin's cookies
  expect(withSession.status()).toBe(401);
  const exported = await context.request.get('/audit/export', { maxRedirects: 0 });
  expect(exported.status()).toBe(307);
  await context.close();
});

test('a viewer replaying an admin\'s server action with its own session (as curl would) is refused, and so is a request with no session; nothing changes', async ({ page, browser }) => {
  // The admin saves the settings once; the request it sends (its action id and form body) is what an
  // attacker would copy from the page's network tab.
  await page.goto('/settings');
  const saving = page.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined);
  await page.getByRole('button', { name: 'Save settings' }).click();
  const sent = await saving;
  await expect(page.getByText('Settings saved.')).toBeVisible();
  const headers = { 'next-action': sent.headers()['next-action']!, 'content-type': sent.headers()['content-type']!, accept: 'text/x-component', origin: new URL(page.url()).origin };
  const body = sent.postDataBuffer()!;
  /** The audit entries of one actor, as the audit page counts them. */
  const entriesBy = async (who: string) => {
    await page.goto(`/audit?who=${encodeURIComponent(who)}`);
    return Number(/(\d+) matching entr/.exec((await page.getByTestId('audit-count').textContent()) ?? '')?.[1] ?? NaN);
  };

  const viewer = { email: `viewer-${randomBytes(3).toString('hex')}@e2e.test`, password: password() };
  await page.goto('/settings/users');
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Email').fill(viewer.email);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByLabel('Password').fill(viewer.password);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId(`user-${viewer.email}`)).toBeVisible();

  const viewerContext = await signedOut(browser);
  await signIn(await viewerContext.newPage(), viewer, '/');
  // Pages above the viewer's role answer 403 with the page that says which role they need.
  for (const [path, needs] of [['/settings/users', 'admin'], ['/settings/api-keys', 'admin'], ['/audit?action=approve', 'publisher']] as const) {
    const refused = await viewerContext.request.get(path, { maxRedirects: 0 });
    expect(refused.status(), path).toBe(403);
    const html = await refused.text();
    expect(html).toContain('Your role may not open this page');
    expect(html).toContain(`It needs the ${needs} role or above.`);
  }
  expect((await viewerContext.request.get('/settings', { maxRedirects: 0 })).status()).toBe(200);
  const replayed = await viewerContext.request.post('/settings', { headers, data: body, maxRedirects: 0 });
  expect(await replayed.text()).toContain('Your role (viewer) may not do this');
  const anonymousContext = await signedOut(browser);
  const anonymous = await anonymousContext.request.post('/settings', { headers, data: body, maxRedirects: 0 });
  expect(await anonymous.text()).not.toContain('Settings saved');
  // Nothing was changed: the viewer's only entry in the trail is its sign-in.
  expect(await entriesBy(viewer.email)).toBe(1);
  await anonymousContext.close();
  await viewerContext.close();
});
