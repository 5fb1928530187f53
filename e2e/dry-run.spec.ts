import { expect, test } from '@playwright/test';

test.describe('dry run in the scheme editor', () => {
  test('decides presets and pasted transactions with the traced path, on the unsaved document', async ({ page }) => {
    await page.goto('/schemes/sch_demo_eu_cards');
    await page.getByRole('tab', { name: 'Dry run' }).click();
    const dryRun = page.getByTestId('dry-run');
    await dryRun.getByRole('button', { name: 'Run', exact: true }).click();
    const decision = page.getByTestId('decision');
    await expect(page.getByTestId('decision-processor')).toHaveText('Adyen EU');
    await expect(page.getByTestId('decision-candidates')).toContainText('Adyen EU');
    await expect(page.getByTestId('decision-candidates')).toContainText('Stripe (global)');
    await expect(decision).toContainText('Card issuer country is one of');
    await expect(decision).toContainText('read “DE”');

    await dryRun.getByLabel('Preset').selectOption({ label: 'High-risk US card, $900' });
    await dryRun.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(decision).toContainText('blocked');
    await expect(decision).toContainText('risk score too high');

    // An amount sent as a string is "missing" (wrong type): "Amount > 100" is false, and the input is flagged.
    await dryRun.getByLabel('Transaction JSON').fill(
      JSON.stringify({ id: 'tx_e2e', amount: '500', currency: 'EUR', payment_method: 'card', card: { issuer_country: 'fr' }, customer: { risk_score: 1 } }),
    );
    await dryRun.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(decision).toContainText('Amount > 100: read missing (wrong type)');
    await expect(page.getByTestId('transaction-warnings')).toContainText('amount');

    // The quick form writes into the JSON.
    await dryRun.getByLabel('Amount').fill('750');
    await expect(dryRun.getByLabel('Transaction JSON')).toHaveValue(/"amount": 750/);

    await dryRun.getByLabel('Transaction JSON').fill('{"id": "broken",');
    await expect(dryRun.getByRole('alert')).toContainText('Not valid JSON');
    await expect(dryRun.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  });
});
