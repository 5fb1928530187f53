import { expect, test, type Page } from '@playwright/test';

const SCHEME = '/schemes/sch_demo_eu_cards';

const sideTab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

async function openEditor(page: Page) {
  await page.goto(SCHEME);
  await expect(page.getByTestId('node-is_eu')).toBeVisible({ timeout: 60_000 });
}

/** Puts Stripe before Adyen EU in the EU priority list: EU card payments now go to Stripe first. */
async function preferStripeInEu(page: Page) {
  await page.getByTestId('node-eu_priority').click({ position: { x: 20, y: 12 } });
  await expect(page.getByTestId('inspector').getByLabel('Id', { exact: true })).toHaveValue('eu_priority');
  await page.getByTestId('inspector').getByRole('button', { name: 'Move proc_stripe up' }).click();
}

function csvOf(rows: number): string {
  const countries = ['DE', 'FR', 'GB', 'US', 'BR', 'NL'];
  const currencies = ['EUR', 'EUR', 'GBP', 'USD', 'BRL', 'EUR'];
  const lines = ['id,amount,currency,payment_method,card.brand,card.issuer_country,customer.risk_score,created_at'];
  for (let i = 0; i < rows; i++) {
    const k = i % countries.length;
    lines.push(`tx_csv_${i},${(i % 500) + 1},${currencies[k]},card,${i % 3 === 0 ? 'mastercard' : 'visa'},${countries[k]},${i % 97},2026-03-01T09:30:00Z`);
  }
  lines.push('tx_bad,not-a-number,EUR,card,visa,DE,1,2026-03-01T09:30:00Z');
  return `${lines.join('\n')}\n`;
}

test.describe('batch simulation, impact preview and tests in the editor', () => {
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(240_000);

  test('a dry run that cascades, saved as a test case, goes red after an edit and opens in the dry run', async ({ page }) => {
    await openEditor(page);
    await sideTab(page, 'Dry run').click();
    await page.getByTestId('dry-run').getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('decision-processor')).toHaveText('Adyen EU');
    await expect(page.getByTestId('decision-candidates')).toContainText('Stripe (global)');

    await page.getByRole('button', { name: 'Save as test case' }).click();
    const form = page.getByTestId('save-as-test-case');
    await form.getByLabel('Test case name').fill('EU card cascades Adyen → Stripe');
    await form.getByLabel(/and candidates/).check();
    await form.getByRole('button', { name: 'Save test case' }).click();
    await expect(page.getByText('Saved “EU card cascades Adyen → Stripe”.')).toBeVisible();

    await sideTab(page, 'Tests').click();
    const tests = page.getByTestId('tests');
    const saved = tests.getByTestId('test-case').filter({ hasText: 'EU card cascades Adyen → Stripe' });
    await expect(saved).toContainText('candidates: proc_adyen_eu → proc_stripe');
    await tests.getByRole('button', { name: 'Run all' }).click();
    await expect(saved.locator('.badge-ok')).toHaveText('pass');

    await sideTab(page, 'Inspector').click();
    await preferStripeInEu(page);
    await sideTab(page, 'Tests').click();
    await tests.getByRole('button', { name: 'Run all' }).click();
    await expect(saved.locator('.badge-down')).toHaveText('fail');
    await expect(saved.getByTestId('test-actual')).toContainText('processor: proc_stripe');
    await saved.getByRole('button', { name: 'Open in dry run' }).click();
    await expect(page.getByTestId('dry-run')).toBeVisible();
    await expect(page.getByTestId('decision-processor')).toHaveText('Stripe (global)');
    await expect(page.getByTestId('node-eu_priority')).toHaveClass(/trace-leaf/);
  });

  // 18 MB: past the 10 MB at which Next.js cuts a body that goes through the proxy (the upload must not).
  test('a CSV upload shows progress, then charts, bad rows and the heat map on the graph', async ({ page }) => {
    await openEditor(page);
    await sideTab(page, 'Simulate').click();
    const panel = page.getByTestId('simulate');
    await panel.getByLabel('Upload a file').check();
    await panel.locator('#sim-file').setInputFiles({ name: 'payments.csv', mimeType: 'text/csv', buffer: Buffer.from(csvOf(300_000)) });
    await panel.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('sim-progress')).toBeVisible();
    await expect(page.getByTestId('sim-report')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('sim-bad-rows')).toContainText('1 bad row skipped');
    await page.getByTestId('sim-bad-rows').click();
    // The one bad row is the last, named by its line: nothing was cut or mis-read on the way.
    await expect(page.getByTestId('sim-bad-rows')).toContainText('line 300002');
    await expect(page.getByTestId('sim-bad-rows')).toContainText('column amount');
    await expect(page.getByTestId('chart-processors').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('sim-processors')).toContainText('proc_adyen_eu');
    // The heat map: every node carries its hits; the start node saw every payment.
    await expect(page.getByTestId('node-risk_check').getByTestId('node-hits')).toHaveText('300k');
    await expect(page.getByTestId('node-risk_check')).toHaveClass(/heat-5/);
    await page.screenshot({ path: 'test-results/simulate-heat-map.png', fullPage: false });
    await panel.getByRole('button', { name: 'Hide heat map' }).click();
    await expect(page.getByTestId('node-hits')).toHaveCount(0);
  });

  test('the upload route, which checks the session itself, refuses a signed-out browser', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const response = await context.request.post(`${SCHEME}/simulations/run_x`, { data: 'id\n1\n', headers: { 'Content-Type': 'application/octet-stream' } });
    expect(response.status()).toBe(401);
    expect((await response.json()).error.type).toBe('unauthorized');
    await context.close();
  });

  test('a cancelled run stops and stores nothing; two stored runs compare side by side', async ({ page }) => {
    await openEditor(page);
    await sideTab(page, 'Simulate').click();
    const panel = page.getByTestId('simulate');
    await expect(panel.getByLabel('Payments')).toBeVisible();
    const stored = await panel.getByTestId('sim-run').count();

    await panel.getByLabel('Payments').fill('9000000');
    await panel.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('sim-rows')).not.toHaveText('0 rows');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('sim-cancelled')).toContainText('Nothing was stored');
    await expect(panel.getByTestId('sim-run')).toHaveCount(stored);

    await panel.getByLabel('Payments').fill('1000');
    await panel.getByRole('button', { name: 'Run simulation' }).click();
    await expect(panel.getByTestId('sim-run')).toHaveCount(stored + 1);
    await panel.getByLabel('Payments').fill('2000');
    await panel.getByRole('button', { name: 'Run simulation' }).click();
    await expect(panel.getByTestId('sim-run')).toHaveCount(stored + 2);
    const runs = panel.getByTestId('sim-run');
    await runs.nth(0).getByRole('checkbox').check();
    await runs.nth(1).getByRole('checkbox').check();
    await panel.getByRole('button', { name: 'Compare the two selected' }).click();
    const compare = page.getByTestId('sim-compare');
    await expect(compare).toContainText('Approval rate');
    await expect(compare).toContainText('2,000 synthetic');
    await expect(compare).toContainText('1,000 synthetic');
    await compare.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/simulate-compare.png' });
  });

  test('the impact preview lists the decisions an edit changes, with examples that open in the dry run', async ({ page }) => {
    await openEditor(page);
    await preferStripeInEu(page);
    await sideTab(page, 'Simulate').click();
    const panel = page.getByTestId('simulate');
    await panel.getByLabel('Impact preview').check();
    await page.getByTestId('impact').getByLabel('Before').selectOption('draft');
    await page.getByTestId('impact').getByRole('button', { name: 'Preview impact' }).click();
    const groups = page.getByTestId('impact-groups');
    const moved = groups.getByRole('row').filter({ hasText: 'proc_adyen_eu' }).filter({ hasText: 'proc_stripe' }).first();
    await expect(moved).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('impact-changed')).not.toHaveText(/^0 /);
    await page.screenshot({ path: 'test-results/simulate-impact.png' });
    await moved.getByRole('button').first().click();
    await expect(page.getByTestId('dry-run')).toBeVisible();
    await expect(page.getByTestId('decision-processor')).toHaveText('Stripe (global)');
  });
});
