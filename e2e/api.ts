import type { Page } from '@playwright/test';

/** A call to /api/v1 from the page, as a payment backend would make it (no key: `null`). */
export const api = (page: Page, method: string, path: string, secret: string | null, body?: unknown) =>
  page.evaluate(
    async ({ method, path, secret, body }) => {
      const headers: Record<string, string> = {};
      if (secret) headers.authorization = `Bearer ${secret}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: await response.json(), requestId: response.headers.get('x-request-id') };
    },
    { method, path, secret, body },
  );

const SCOPES = ['read', 'write', 'decide'] as const;

/** An API key made on the API keys page with exactly `scopes`; returns its secret, shown once. */
export async function createKeyInUi(page: Page, name: string, scopes: readonly (typeof SCOPES)[number][]): Promise<string> {
  await page.goto('/settings/api-keys');
  await page.getByLabel('Name').fill(name);
  const group = page.getByRole('group', { name: 'Scopes' });
  for (const scope of SCOPES) await group.getByLabel(scope).setChecked(scopes.includes(scope));
  await page.getByRole('button', { name: 'Create API key' }).click();
  return page.getByTestId('new-secret').getByLabel('API key secret').inputValue();
}
