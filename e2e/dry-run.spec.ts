import { expect, test } from '@playwright/test';

test.describe('compile check and dry run on a scheme page', () => {
  test('shows the compiler warnings with node and JSON path', async ({ page }) => {
    await page.goto('/schemes/sch_demo_eu_cards');
    const check = page.getByTestId('compile-check');
    await expect(check).toContainText('compiles');
    await expect(page.getByTestId('problems-warning')).toContainText('processor_not_active');
    await expect(page.getByTestId('problems-warning')).toContainText('$.nodes.us_priority.processors[0]');
  });

  test('decides presets and pasted transactions with the traced path', async ({ page }) => {
    await page.goto('/schemes/sch_demo_eu_cards');
    const dryRun = page.getByTestId('dry-run');
    await dryRun.getByRole('button', { name: 'Decide' }).click();
    const decision = page.getByTestId('decision');
    await expect(page.getByTestId('decision-processor')).toHaveText('proc_adyen_eu');
    await expect(decision).toContainText('Cascade order: proc_adyen_eu → proc_stripe');
    await expect(decision).toContainText('card.issuer_country in');
    await expect(decision).toContainText('read "DE" → true');

    await dryRun.getByLabel('Preset').selectOption({ label: 'High-risk US card, $900' });
    await dryRun.getByRole('button', { name: 'Decide' }).click();
    await expect(decision).toContainText('blocked');
    await expect(decision).toContainText('risk score too high');

    // An amount sent as a string is "missing" (wrong type), so "amount gt 100" is false.
    await dryRun.getByLabel('Transaction JSON').fill(
      JSON.stringify({ id: 'tx_e2e', amount: '500', currency: 'EUR', payment_method: 'card', card: { issuer_country: 'fr' }, customer: { risk_score: 1 } }),
    );
    await dryRun.getByRole('button', { name: 'Decide' }).click();
    await expect(decision).toContainText('amount gt 100: read missing (wrong_type) → false');
    await expect(decision).toContainText('is_eu → no');

    await dryRun.getByLabel('Transaction JSON').fill('{"id": "broken",');
    await dryRun.getByRole('button', { name: 'Decide' }).click();
    await expect(dryRun.getByRole('alert')).toContainText('Not valid JSON');
  });
});
