import { expect, test } from '@playwright/test';

test.describe('processors', () => {
  test('register, edit, change status and delete a processor', async ({ page }) => {
    await page.goto('/processors');
    await page.getByRole('link', { name: 'Register processor' }).click();
    await page.getByLabel('Name').fill('Nuvei EU');
    await page.getByLabel('Id', { exact: true }).fill('proc_nuvei_eu');
    await page.getByLabel('Provider').fill('nuvei');
    const currencies = page.locator('#currencies');
    await currencies.fill('eur');
    await currencies.press('Enter');
    await currencies.fill('usd');
    await currencies.press('Enter');
    await page.locator('#payment_methods').fill('card');
    await page.locator('#payment_methods').press('Enter');
    await page.getByLabel('Approval rate (%)').fill('87.5');
    await page.getByLabel('Fee (%)').fill('1.8');
    await page.getByRole('button', { name: 'Register processor' }).click();

    await expect(page).toHaveURL(/\/processors\?saved=proc_nuvei_eu/);
    const row = page.getByTestId('processor-proc_nuvei_eu');
    await expect(row).toContainText('Nuvei EU');
    await expect(row).toContainText('EUR');
    await expect(row).toContainText('USD');
    await expect(row).toContainText('87.5%');

    await row.getByRole('link', { name: 'Nuvei EU' }).click();
    await page.getByLabel('Name').fill('Nuvei Europe');
    await page.getByLabel('Status').selectOption('down');
    await page.getByRole('button', { name: 'Remove USD' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/saved=proc_nuvei_eu/);
    await expect(row).toContainText('Nuvei Europe');
    await expect(row).toContainText('down');
    await expect(row).not.toContainText('USD');

    await row.getByLabel('Status of Nuvei Europe').selectOption('active');
    await row.getByRole('button', { name: 'Set' }).click();
    await expect(page.getByTestId('status-notice')).toContainText('Nuvei Europe is now active.');
    await expect(row.locator('.badge')).toHaveText('active');

    await row.getByRole('link', { name: 'Nuvei Europe' }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete processor' }).click();
    await expect(page).toHaveURL(/deleted=proc_nuvei_eu/);
    await expect(page.getByTestId('processor-proc_nuvei_eu')).toHaveCount(0);
  });

  test('bad input shows field errors and saves nothing', async ({ page }) => {
    await page.goto('/processors/new');
    await page.getByLabel('Id', { exact: true }).fill('Nuvei!');
    await page.locator('#currencies').fill('XYZ');
    await page.locator('#currencies').press('Enter');
    await page.getByLabel('Approval rate (%)').fill('140');
    await page.getByRole('button', { name: 'Register processor' }).click();

    await expect(page.getByRole('alert').first()).toBeVisible();
    await expect(page.locator('.field', { has: page.locator('#name') })).toContainText('Name is required');
    await expect(page.locator('.field', { has: page.locator('#id') })).toContainText('proc_');
    await expect(page.locator('.field', { has: page.locator('#currencies') })).toContainText('XYZ: not a known ISO 4217 currency code');
    await expect(page.locator('.field', { has: page.locator('#approval_rate') })).toContainText('Approval rate must be at most 100%.');
    // What was typed is still there.
    await expect(page.getByLabel('Id', { exact: true })).toHaveValue('Nuvei!');
    await expect(page.getByTestId('codes-currencies')).toContainText('XYZ');

    await page.goto('/processors');
    await expect(page.getByTestId('processors-table')).not.toContainText('Nuvei!');
  });

  test('duplicate names and deleting a referenced processor are refused', async ({ page }) => {
    await page.goto('/processors/new');
    await page.getByLabel('Name').fill('stripe (global)');
    await page.getByLabel('Id', { exact: true }).fill('proc_stripe_two');
    await page.getByLabel('Provider').fill('stripe');
    await page.getByRole('button', { name: 'Register processor' }).click();
    await expect(page.locator('.field', { has: page.locator('#name') })).toContainText('Name already in use');

    await page.goto('/processors/proc_stripe');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete processor' }).click();
    const refusal = page.locator('.notice-error');
    await expect(refusal).toContainText('still referenced by');
    await expect(refusal).toContainText('processor route "EU cards"');
    await expect(refusal).toContainText('scheme "EU cards first"');
    await page.goto('/processors');
    await expect(page.getByTestId('processor-proc_stripe')).toBeVisible();
  });
});
