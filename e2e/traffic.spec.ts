import { expect, test } from '@playwright/test';
import { createKeyInUi } from './api';

const SCHEME = '/schemes/sch_demo_eu_cards';

/** A DE card over 100 (→ eu_priority: Adyen EU, then Stripe) or a US card (→ us_priority). */
const payment = (i: number, country: 'DE' | 'US') => ({
  id: `pay_traffic_${country}_${i}`, amount: 250, currency: country === 'DE' ? 'EUR' : 'USD', payment_method: 'card',
  card: { brand: 'visa', issuer_country: country }, customer: { risk_score: 10 },
});

test.describe('live traffic', () => {
  test('decide with a key, report outcomes, see them on the dashboard, replay them through an edited draft', async ({ page }) => {
    const secret = await createKeyInUi(page, 'Traffic backend', ['decide']);

    // The payment backend: 30 EU and 10 US decisions, then what each attempt did, as JSON lines.
    const reported = await page.evaluate(async ({ secret, payments }) => {
      const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
      const decided: { id: string; processor: string; candidates: string[] }[] = [];
      for (const transaction of payments) {
        const response = await fetch('/api/v1/decide', { method: 'POST', headers, body: JSON.stringify({ transaction }) });
        const body = await response.json();
        decided.push({ id: body.decision_id, processor: body.processor, candidates: body.candidates });
      }
      // Adyen EU approves 20 of 30 (10 soft declines, rescued by Stripe on attempt 2); Worldpay approves all.
      const lines = decided.flatMap((d, i) => {
        if (d.processor !== 'proc_adyen_eu' || i < 20) return [{ decision_id: d.id, processor: d.processor, attempt: 1, outcome: 'approved' }];
        return [{ decision_id: d.id, processor: d.processor, attempt: 1, outcome: 'soft_decline' }, { decision_id: d.id, processor: d.candidates[1], attempt: 2, outcome: 'approved' }];
      });
      const response = await fetch('/api/v1/attempts', { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' }, body: lines.map((l) => JSON.stringify(l)).join('\n') });
      const out = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
      // One report again with another outcome: refused, as a conflict.
      const again = await fetch(`/api/v1/decisions/${decided[0]!.id}/attempts`, { method: 'POST', headers, body: JSON.stringify({ processor: decided[0]!.processor, attempt: 1, outcome: 'hard_decline' }) });
      return { decided, summary: out[out.length - 1], conflict: again.status };
    }, { secret, payments: [...Array.from({ length: 30 }, (_, i) => payment(i, 'DE')), ...Array.from({ length: 10 }, (_, i) => payment(i, 'US'))] });
    expect(reported.decided.every((d) => /^dec_/.test(d.id))).toBe(true);
    expect(reported.decided.slice(0, 30).every((d) => d.processor === 'proc_adyen_eu')).toBe(true);
    expect(reported.summary).toEqual({ summary: { lines: 50, stored: 50, replayed: 0, refused: 0 } });
    expect(reported.conflict).toBe(409);

    // The dashboard (other specs may decide too: at least ours are there).
    await page.getByRole('link', { name: 'Traffic', exact: true }).click();
    await expect(page).toHaveURL(/\/traffic/);
    const count = async (id: string) => Number((await page.getByTestId(`stat-${id}`).locator('.value').innerText()).replace(/,/g, ''));
    await expect.poll(() => count('decisions')).toBeGreaterThanOrEqual(40);
    expect(await count('attempts')).toBeGreaterThanOrEqual(50);
    expect(await count('rescued')).toBeGreaterThanOrEqual(10);
    const adyen = page.getByTestId('traffic-processors').getByRole('row').filter({ hasText: 'proc_adyen_eu' });
    await expect(adyen).toContainText('66.7%'); // 20 of 30
    await expect(page.getByTestId('chart-decisions').locator('svg .recharts-area').first()).toBeVisible();
    await expect(page.getByTestId('chart-approval').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
    await page.getByTestId('traffic-segments').getByRole('button', { name: 'Card country' }).click();
    const de = page.getByTestId('traffic-segments').getByRole('row').filter({ has: page.getByRole('cell', { name: 'DE', exact: true }) });
    await expect(de).toContainText('proc_adyen_eu');
    await expect(page.getByTestId('stat-p50').locator('.value')).toHaveText(/µs|ms/);
    await page.screenshot({ path: 'test-results/traffic-dashboard.png', fullPage: true });

    // The live heat map on the editor's graph, then a replay of the recorded traffic through an edit.
    await page.goto(SCHEME);
    await expect(page.getByTestId('node-is_eu')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('node-eu_priority').click({ position: { x: 20, y: 12 } });
    await expect(page.getByTestId('inspector').getByLabel('Id', { exact: true })).toHaveValue('eu_priority');
    await page.getByTestId('inspector').getByRole('button', { name: 'Move proc_stripe up' }).click();
    await page.getByRole('tab', { name: 'Simulate', exact: true }).click();
    const live = page.getByTestId('live-traffic');
    await live.getByRole('button', { name: 'Show on the graph' }).click();
    await expect(page.getByTestId('node-eu_priority').getByTestId('node-hits')).toBeVisible();
    await live.getByRole('button', { name: 'Hide heat map' }).click();

    await page.getByTestId('simulate').getByLabel('Impact preview').check();
    const impact = page.getByTestId('impact');
    await impact.getByLabel('Recorded traffic').check();
    await impact.getByLabel('Last days').fill('1');
    await impact.getByRole('button', { name: 'Preview impact' }).click();
    const moved = page.getByTestId('impact-groups').getByRole('row').filter({ hasText: 'proc_adyen_eu' }).filter({ hasText: 'proc_stripe' }).first();
    await expect(moved).toBeVisible({ timeout: 60_000 });
    const observed = page.getByTestId('observed-comparison');
    await expect(observed).toContainText('Approval from observed outcomes');
    await expect(observed.getByTestId('observed-estimate').first()).toContainText('95% interval');
    await observed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/traffic-replay.png' });
  });

  test('the decision log settings: fields never stored, the days kept, and a refusal at its field', async ({ page }) => {
    await page.goto('/settings');
    const form = page.getByTestId('decision-log-settings');
    await form.getByLabel('Never stored').fill('customer.email\namount');
    await form.getByRole('button', { name: 'Save decision log settings' }).click();
    await expect(form.getByRole('alert').first()).toBeVisible();
    await expect(form).toContainText('"amount": only customer.email, metadata.* or metadata.<key>');
    await form.getByLabel('Never stored').fill('customer.email');
    await form.getByLabel('Keep (days)').fill('14');
    await form.getByRole('button', { name: 'Save decision log settings' }).click();
    await expect(form.getByRole('status')).toContainText('Decision log settings saved.');
    await page.reload();
    await expect(page.getByTestId('decision-log-settings').getByLabel('Keep (days)')).toHaveValue('14');
    // Back to the defaults other specs expect.
    await page.getByTestId('decision-log-settings').getByLabel('Never stored').fill('');
    await page.getByTestId('decision-log-settings').getByLabel('Keep (days)').fill('30');
    await page.getByTestId('decision-log-settings').getByRole('button', { name: 'Save decision log settings' }).click();
    await expect(page.getByTestId('decision-log-settings').getByRole('status')).toContainText('saved');
  });
});
