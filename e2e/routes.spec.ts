import { expect, test } from '@playwright/test';

test.describe('processor routes', () => {
  test('create, reorder, rename and delete a route', async ({ page }) => {
    await page.goto('/routes');
    await page.getByRole('link', { name: 'New route' }).click();
    await page.getByLabel('Name').fill('APAC cards');
    for (const id of ['proc_checkout', 'proc_worldpay', 'proc_stripe']) {
      await page.getByLabel('Processor to add').selectOption(id);
      await page.getByRole('button', { name: 'Add to route' }).click();
    }
    await page.getByRole('button', { name: 'Move proc_stripe up' }).click();
    await page.getByRole('button', { name: 'Remove proc_worldpay' }).click();
    await page.getByRole('button', { name: 'Create route' }).click();

    await expect(page).toHaveURL(/\/routes\?saved=/);
    const row = page.locator('tr', { hasText: 'APAC cards' });
    await expect(row.locator('.route-chain li')).toHaveText(['Checkout.com active', 'Stripe (global) active']);

    await row.getByRole('link', { name: 'APAC cards' }).click();
    await page.getByRole('button', { name: 'Move proc_stripe up' }).click();
    await page.getByLabel('Name').fill('APAC cards v2');
    await page.getByRole('button', { name: 'Save route' }).click();
    const renamed = page.locator('tr', { hasText: 'APAC cards v2' });
    await expect(renamed.locator('.route-chain li')).toHaveText(['Stripe (global) active', 'Checkout.com active']);

    await renamed.getByRole('link', { name: 'APAC cards v2' }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete route' }).click();
    await expect(page).toHaveURL(/deleted=/);
    await expect(page.locator('tr', { hasText: 'APAC cards v2' })).toHaveCount(0);
  });

  test('a route needs a name and a processor; a referenced route cannot be deleted', async ({ page }) => {
    await page.goto('/routes/new');
    await page.getByRole('button', { name: 'Create route' }).click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    await expect(page.getByRole('main').locator('form')).toContainText('Name is required');
    await expect(page.getByRole('main').locator('form')).toContainText('A route needs at least one processor');

    await page.goto('/routes/proute_eu_cards');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete route' }).click();
    await expect(page.locator('.notice-error')).toContainText('Route "EU cards" is still referenced by settings "default route"');
    await page.goto('/routes');
    await expect(page.getByTestId('route-proute_eu_cards')).toBeVisible();
  });
});
