import { expect, test } from '@playwright/test';
import { paste } from './helpers';

test.describe('filters', () => {
  test('the seeded shared filter is listed in words', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Filters' }).click();
    const row = page.getByTestId('filter-flt_high_risk_ip');
    await expect(row).toContainText('High-risk IP countries');
    await expect(row).toContainText('any of 1 rule:');
    await expect(row).toContainText('IP country is one of KP, IR, SY');
  });

  test('create with rule rows, see errors at their rule, edit, and delete (refused while used)', async ({ page }) => {
    await page.goto('/filters/new');
    await page.getByLabel('Name').fill('Large EUR or GBP');
    const first = page.getByTestId('rule-0');
    await first.getByLabel('Rule 1: attribute').selectOption({ label: 'Amount' });
    await first.getByLabel('Rule 1: operator').selectOption({ label: '≥' });
    await first.getByLabel('Rule 1: value').fill('lots');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const second = page.getByTestId('rule-1');
    await second.getByLabel('Rule 2: attribute').selectOption({ label: 'Currency' });
    await second.getByLabel('Rule 2: operator').selectOption({ label: 'is one of' });
    const codes = second.getByLabel('Rule 2: value');
    await codes.fill('pound sterling');
    await codes.press('Enter');
    await paste(codes, 'EUR, chf');
    await expect(second.locator('.chip')).toHaveText(['GBP×', 'EUR×', 'CHF×']);
    await second.getByRole('button', { name: 'Remove CHF' }).click();
    await page.getByRole('button', { name: 'Create filter' }).click();

    // The refusal sits on the rule it concerns; nothing typed is lost.
    await expect(page.getByRole('alert').first()).toContainText('Some rules are not valid.');
    await expect(first.locator('.field-error')).toContainText('amount takes a number, not "lots"');
    await expect(second.locator('.field-error')).toHaveCount(0);
    await expect(second.locator('.chip')).toHaveText(['GBP×', 'EUR×']);

    await first.getByLabel('Rule 1: value').fill('1000');
    await page.getByRole('button', { name: 'Create filter' }).click();
    await expect(page).toHaveURL(/\/filters\?saved=flt_/);
    const rowOf = (name: string) => page.locator('tr', { has: page.locator('td:first-child').getByRole('link', { name, exact: true }) });
    const row = rowOf('Large EUR or GBP');
    await expect(row).toContainText('all of 2 rules:');
    await expect(row).toContainText('Amount ≥ 1000');
    await expect(row).toContainText('Currency is one of GBP, EUR');

    // A second filter that uses the first: the first can then not be deleted.
    await page.goto('/filters/new');
    await page.getByLabel('Name').fill('Large EUR or GBP on web');
    await page.getByText('any rule holds').click();
    await page.getByTestId('rule-0').getByLabel('Rule 1: attribute').selectOption({ label: 'Large EUR or GBP' });
    await page.getByRole('button', { name: 'Create filter' }).click();
    const user = rowOf('Large EUR or GBP on web');
    await expect(user).toContainText('any of 1 rule:');
    await expect(user).toContainText('matches filter “Large EUR or GBP”');
    await expect(row.locator('td').nth(2)).toContainText('Large EUR or GBP on web (filter)');

    await page.screenshot({ path: test.info().outputPath('filters-list.png'), fullPage: true });
    await row.getByRole('link', { name: 'Large EUR or GBP', exact: true }).click();
    await expect(page).toHaveTitle('Large EUR or GBP · Filters · Switchyard');
    await page.screenshot({ path: test.info().outputPath('filter-edit.png'), fullPage: true });
    await page.getByLabel('Name').fill('Large EUR/GBP');
    await page.getByRole('button', { name: 'Save filter' }).click();
    await expect(page.getByRole('status')).toContainText('Saved filter “Large EUR/GBP”.');

    await page.getByRole('link', { name: 'Large EUR/GBP', exact: true }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete filter' }).click();
    await expect(page.locator('.notice-error')).toContainText('Filter "Large EUR/GBP" is still referenced by filter "Large EUR or GBP on web"');

    // Delete the user first, then the filter itself.
    await page.goto('/filters');
    await page.getByRole('link', { name: 'Large EUR or GBP on web' }).first().click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete filter' }).click();
    await expect(page).toHaveURL(/deleted=/);
    await page.getByRole('link', { name: 'Large EUR/GBP', exact: true }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete filter' }).click();
    await expect(page).toHaveURL(/deleted=/);
    await expect(page.getByTestId('filters-table')).not.toContainText('Large EUR');
  });

  test('names are unique whatever their case', async ({ page }) => {
    await page.goto('/filters/new');
    await page.getByLabel('Name').fill('HIGH-RISK ip countries');
    await page.getByTestId('rule-0').getByLabel('Rule 1: attribute').selectOption({ label: 'Amount' });
    await page.getByTestId('rule-0').getByLabel('Rule 1: value').fill('5');
    await page.getByRole('button', { name: 'Create filter' }).click();
    await expect(page.locator('.field', { has: page.locator('#name') })).toContainText('Name already in use');
  });
});
