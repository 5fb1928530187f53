import { expect, test } from '@playwright/test';
import { paste } from './helpers';

test.describe('forms speak the user’s words', () => {
  test('number fields say what is wrong in their own unit', async ({ page }) => {
    await page.goto('/processors/new');
    await page.getByLabel('Name').fill('Words test');
    await page.getByLabel('Id', { exact: true }).fill('proc_words_test');
    await page.getByLabel('Provider').fill('acme');
    await page.getByLabel('Approval rate (%)').fill('150');
    await page.getByLabel('Fee (%)').fill('120');
    await page.getByLabel('Fixed fee').fill('-0.5');
    await page.getByRole('button', { name: 'Register processor' }).click();

    const field = (id: string) => page.locator('.field', { has: page.locator(`#${id}`) });
    await expect(field('approval_rate')).toContainText('Approval rate must be at most 100%.');
    await expect(field('fee_percent')).toContainText('Fee must be at most 100%.');
    await expect(field('fee_fixed')).toContainText('Fixed fee cannot be negative.');
    await expect(page.getByRole('main').locator('form')).not.toContainText(/expected|Too (big|small)|Invalid input/);
  });

  test('code lists split pasted lists and find ISO and everyday names', async ({ page }) => {
    await page.goto('/processors/new');
    const currencies = page.locator('#currencies');
    await paste(currencies, 'EUR, USD, GBP');
    await expect(page.getByTestId('codes-currencies').locator('.chip')).toHaveText(['EUR×', 'USD×', 'GBP×']);
    await page.getByRole('button', { name: 'Remove GBP' }).click();

    // The ISO 4217 name is found; the suggestion shows it.
    await currencies.fill('Pound Sterling');
    const suggestion = page.getByRole('listbox').getByRole('option').first();
    await expect(suggestion).toContainText('GBP British Pound');
    await expect(suggestion).toContainText('Pound Sterling');
    await currencies.press('Enter');
    await expect(page.getByTestId('codes-currencies').locator('.chip')).toHaveText(['EUR×', 'USD×', 'GBP×']);

    const countries = page.locator('#countries');
    await paste(countries, 'de fr\nnl;UK');
    await expect(page.getByTestId('codes-countries').locator('.chip')).toHaveText(['DE×', 'FR×', 'NL×', 'GB×']);
    await countries.fill('ivory');
    await page.getByRole('listbox').getByRole('option', { name: /CI Côte d’Ivoire|CI Côte d'Ivoire/ }).click();
    await expect(page.getByTestId('codes-countries').locator('.chip')).toHaveText(['DE×', 'FR×', 'NL×', 'GB×', 'CI×']);

    // Unknown pieces stay, marked, and the server names them.
    await paste(currencies, 'CHF XYZ');
    await expect(page.getByTestId('codes-currencies').locator('.chip-unknown')).toHaveText('XYZ×');
    await page.screenshot({ path: test.info().outputPath('code-lists.png'), fullPage: true });
    await page.getByRole('button', { name: 'Register processor' }).click();
    await expect(page.locator('.field', { has: page.locator('#currencies') })).toContainText('XYZ: not a known ISO 4217 currency code');
  });
});
