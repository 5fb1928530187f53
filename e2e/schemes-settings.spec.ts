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
  await expect(page.getByTestId('schemes-table')).not.toContainText('(copy)');
  await expect(page.getByTestId('schemes-table')).toContainText('Weekend traffic EU');

  await page.getByLabel('Name').fill('eu cards FIRST');
  await page.getByRole('button', { name: 'Create scheme' }).click();
  await expect(page.locator('.field-error')).toContainText('Name already in use');

  await page.goto('/schemes/sch_demo_eu_cards');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete scheme' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'still referenced' })).toContainText('still referenced by settings "active scheme (version 1)"');
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
  await expect(page.locator('.field', { has: page.locator('#time_zone') })).toContainText('Unknown IANA time zone');

  await page.getByLabel('Time zone').fill('Europe/Berlin');
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
});

test('an unreachable database gives a clear page, not a stack trace', async ({ page }) => {
  await page.goto('http://127.0.0.1:3101/processors');
  const panel = page.getByTestId('database-unavailable');
  await expect(panel).toContainText('The database cannot be reached');
  await expect(panel).toContainText('ECONNREFUSED');
});
