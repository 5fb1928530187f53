import { expect, test } from '@playwright/test';

test('schemes: create, rename, duplicate, delete; the active scheme cannot be deleted', async ({ page }) => {
  await page.goto('/schemes');
  await expect(page.getByTestId('schemes-table')).toContainText('EU cards first');
  await page.getByLabel('Name').fill('Weekend traffic');
  await page.getByRole('button', { name: 'Create scheme' }).click();
  await expect(page.getByLabel('Scheme name')).toHaveValue('Weekend traffic');
  await expect(page.getByTestId('node-refuse_all')).toBeVisible();

  // The name is part of the document: renamed in place, kept by a save.
  await page.getByLabel('Scheme name').fill('Weekend traffic EU');
  await page.getByLabel('Scheme name').press('Enter');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('saved-marker')).toContainText('Saved');
  await page.reload();
  await expect(page.getByLabel('Scheme name')).toHaveValue('Weekend traffic EU');
  await expect(page).toHaveTitle(/Weekend traffic EU/);

  await page.getByRole('button', { name: 'Duplicate scheme' }).click();
  await expect(page.getByLabel('Scheme name')).toHaveValue('Weekend traffic EU (copy)');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete scheme' }).click();
  await expect(page).toHaveURL(/\/schemes\?deleted=1/);
  await expect(page.getByTestId('schemes-table')).not.toContainText('Weekend traffic EU (copy)');
  await expect(page.getByTestId('schemes-table')).toContainText('Weekend traffic EU');

  await page.getByLabel('Name').fill('eu cards FIRST');
  await page.getByRole('button', { name: 'Create scheme' }).click();
  await expect(page.locator('.field-error')).toContainText('Name already in use');

  await page.goto('/schemes/sch_demo_eu_cards');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete scheme' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'still referenced' })).toContainText(/still referenced by settings "active scheme \(version \d+\)"/);
});

test('settings: routing mode needs what it routes with', async ({ page }) => {
  await page.goto('/settings');
  await page.getByLabel('Routing mode').selectOption('processor_route');
  await page.getByLabel('Default processor route').selectOption('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('.field', { has: page.locator('#default_route_id') })).toContainText('This routing mode needs a default route');

  await page.getByLabel('Default processor route').selectOption('proute_us_fallback');
  await page.getByLabel('Time zone').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('.field', { has: page.locator('#time_zone') })).toContainText('"Mars/Olympus" is not a known time zone');

  // Typed in any case, stored by its canonical IANA name.
  await page.getByLabel('Time zone').fill('europe/berlin');
  await page.getByLabel('Routing mode').selectOption('scheme');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved.');
  await page.reload();
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
  await expect(page.getByLabel('Default processor route')).toHaveValue('proute_us_fallback');
});

test('dashboard shows the demo account', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('routing-summary')).toContainText('Active scheme: EU cards first');
  await expect(page.locator('body')).toContainText('Braintree');
  await expect(page).toHaveTitle('Switchyard');
});

test('dashboard names the default processor or route the routing mode uses', async ({ page }) => {
  const setMode = async (mode: string, processor: string, route: string) => {
    await page.goto('/settings');
    await page.getByLabel('Routing mode').selectOption(mode);
    await page.getByLabel('Default processor', { exact: true }).selectOption(processor);
    await page.getByLabel('Default processor route').selectOption(route);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toContainText('Settings saved.');
    await page.goto('/');
  };
  const summary = page.getByTestId('routing-summary');

  await setMode('default_then_connection_order', 'proc_braintree', 'proute_eu_cards');
  await expect(page.getByTestId('mode-default-processor')).toContainText('Default processor: Braintree proc_braintree down');
  await expect(page.getByTestId('mode-default-processor')).toContainText('then the other processors in the order they were connected');
  await expect(summary).toContainText('The default processor is down: its payments go to the fallback.');
  await page.screenshot({ path: test.info().outputPath('dashboard-default-mode.png'), fullPage: true });

  await setMode('processor_route', 'proc_stripe', 'proute_eu_cards');
  await expect(page.getByTestId('mode-default-route')).toContainText('Default route: EU cards — Adyen EU → Checkout.com → Stripe (global)');
  await expect(page.getByTestId('mode-default-processor')).toHaveCount(0);

  // Back to the demo account's mode, which other tests expect.
  await setMode('scheme', 'proc_stripe', 'proute_eu_cards');
  await expect(summary).toContainText('Active scheme: EU cards first');
});

test('an unreachable database gives a clear page, not a stack trace', async ({ page }) => {
  // The second test server (playwright.config.ts) points at a Postgres that does not exist.
  await page.goto(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1}/processors`);
  const panel = page.getByTestId('database-unavailable');
  await expect(panel).toContainText('The database cannot be reached');
  // The driver's reason: refused, or (on a loaded machine) no answer within the connect timeout.
  await expect(panel).toContainText(/ECONNREFUSED|ETIMEDOUT/);
});
