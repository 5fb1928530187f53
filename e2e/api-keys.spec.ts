import { expect, test } from '@playwright/test';
import { api } from './api';

test.describe('API keys', () => {
  test('create a key in the UI, use it against /api/v1, revoke it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/settings/api-keys');
    await page.getByLabel('Name').fill('Checkout backend');
    await page.getByRole('group', { name: 'Scopes' }).getByLabel('read').check();
    await page.getByRole('group', { name: 'Scopes' }).getByLabel('write').uncheck();
    await page.getByRole('button', { name: 'Create API key' }).click();

    const shown = page.getByTestId('new-secret');
    await expect(shown).toContainText('Copy your new key “Checkout backend” now');
    const secret = await shown.getByLabel('API key secret').inputValue();
    expect(secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await expect(shown.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const row = page.locator('tr', { hasText: 'Checkout backend' });
    await expect(row).toContainText(secret.slice(0, 11));
    await expect(row).toContainText('never');
    await page.screenshot({ path: 'test-results/api-keys-created.png', fullPage: true });

    // The key works against the API: read yes, write no.
    const list = await api(page, 'GET', '/api/v1/processors', secret);
    expect(list.status).toBe(200);
    expect(list.body.map((p: { id: string }) => p.id)).toContain('proc_stripe');
    expect(list.requestId).toMatch(/^req_/);
    const write = await api(page, 'POST', '/api/v1/processor-routes', secret, { name: 'From the browser', processors: ['proc_stripe'] });
    expect(write.status).toBe(403);
    expect(write.body.error).toMatchObject({ type: 'forbidden', message: expect.stringContaining('"write"'), issues: [] });
    const invalid = await api(page, 'POST', '/api/v1/simulate', secret, { transaction: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues[0].path).toEqual(['transaction']);
    expect((await api(page, 'GET', '/api/v1/processors', null)).status).toBe(401);
    // JSON lines in, JSON lines out, through the production server.
    const lines = await page.evaluate(async (secret) => {
      const tx = (id: string) => JSON.stringify({ id, amount: 120, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } });
      const response = await fetch('/api/v1/simulate/batch?seed=3', {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' },
        body: [tx('pay_1'), 'oops', tx('pay_2')].join('\n'),
      });
      return { status: response.status, type: response.headers.get('content-type'), lines: (await response.text()).trim().split('\n').map((l) => JSON.parse(l)) };
    }, secret);
    expect(lines.status).toBe(200);
    expect(lines.type).toContain('application/x-ndjson');
    expect(lines.lines.map((l: { line: number }) => l.line)).toEqual([1, 2, 3]);
    expect(lines.lines[0]).toMatchObject({ outcome: 'route', attempts: expect.any(Array) });
    expect(lines.lines[1]).toMatchObject({ error: expect.any(String) });
    expect((await api(page, 'GET', '/api/v1/nowhere', secret)).status).toBe(404);

    // Shown once: after a reload only the prefix remains, and the use is recorded.
    await page.reload();
    await expect(page.getByTestId('new-secret')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(secret);
    await expect(page.locator('tr', { hasText: 'Checkout backend' })).not.toContainText('never');

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Revoke Checkout backend' }).click();
    await expect(page.locator('tr', { hasText: 'Checkout backend' })).toContainText('revoked');
    const revoked = await api(page, 'GET', '/api/v1/processors', secret);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.message).toContain('revoked');
  });

  test('a key needs a name and a scope', async ({ page }) => {
    await page.goto('/settings/api-keys');
    for (const scope of ['read', 'write', 'decide']) await page.getByRole('group', { name: 'Scopes' }).getByLabel(scope).uncheck();
    await page.getByRole('button', { name: 'Create API key' }).click();
    await expect(page.getByRole('main').locator('form')).toContainText('Name is required');
    await expect(page.getByRole('main').locator('form')).toContainText('Pick at least one scope');
    await expect(page.getByTestId('new-secret')).toHaveCount(0);
  });

  test('the API reference renders the OpenAPI document', async ({ page }) => {
    await page.goto('/api-docs');
    await expect(page.getByRole('heading', { name: 'Switchyard API reference' })).toBeVisible();
    const create = page.getByTestId('endpoint-postProcessors');
    await expect(create).toContainText('/api/v1/processors');
    await expect(create).toContainText('scope: write');
    await expect(create).toContainText('Idempotency-Key');
    await expect(create).toContainText('413');
    await expect(page.locator('#schema-ProcessorCreate')).toContainText('approval_rate');
    await page.screenshot({ path: 'test-results/api-docs.png' });
    await create.screenshot({ path: 'test-results/api-docs-endpoint.png' });
    const document = await page.evaluate(async () => (await fetch('/api/v1/openapi.json')).json());
    expect(document.openapi).toBe('3.1.0');
  });
});
