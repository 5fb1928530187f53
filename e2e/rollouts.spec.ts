import { expect, test, type Page } from '@playwright/test';
import { createKeyInUi } from './api';

/*
 * Shadow, then canary, of a new version of the demo scheme beside its live version. The new version
 * only differs for payments marked `metadata.e2e_rollout = yes` (sent to Stripe alone), so other
 * specs' traffic gets the same answers while it runs. A marked DE card over 100 goes to Adyen EU
 * live (then Stripe), to Stripe alone under the new version.
 */
const SCHEME = 'sch_demo_eu_cards';
const RUN = Date.now().toString(36);
const marked = (i: number) => ({ id: `pay_rollout_${RUN}_${i}`, amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { risk_score: 10 }, metadata: { e2e_rollout: 'yes' } });
const plain = (i: number) => ({ id: `pay_plain_${RUN}_${i}`, amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { risk_score: 10 } });

/** Publishes (without activating) a version that sends marked payments to Worldpay; the draft is put back as it was. */
async function publishMarkedVersion(page: Page, secret: string): Promise<number> {
  return page.evaluate(async ({ secret, scheme }) => {
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const settings = await (await fetch('/api/v1/settings', { headers })).json();
    const live = await (await fetch(`/api/v1/schemes/${scheme}/versions/${settings.active_version}`, { headers })).json();
    const draft = await (await fetch(`/api/v1/schemes/${scheme}`, { headers })).json();
    const document = structuredClone(live.document);
    document.nodes.e2e_rollout = { type: 'condition', rules: [{ attribute: 'metadata.e2e_rollout', operator: 'eq', value: 'yes' }], then: 'e2e_stripe', else: document.start };
    document.nodes.e2e_stripe = { type: 'strategy', strategy: 'direct', processors: ['proc_stripe'] };
    document.start = 'e2e_rollout';
    const put = async (doc: unknown, revision: number) => (await fetch(`/api/v1/schemes/${scheme}`, { method: 'PUT', headers, body: JSON.stringify({ document: doc, revision }) })).json();
    const saved = await put(document, draft.revision);
    const published = await (await fetch(`/api/v1/schemes/${scheme}/publish`, { method: 'POST', headers, body: JSON.stringify({ note: 'e2e rollout', override_reason: 'e2e' }) })).json();
    await put(draft.document, saved.revision);
    return published.version.version as number;
  }, { secret, scheme: SCHEME });
}

const decideAll = (page: Page, secret: string, payments: unknown[]) =>
  page.evaluate(async ({ secret, payments }) => {
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const out: { id: string; processor: string; arm?: string; version: number }[] = [];
    for (const transaction of payments) {
      const body = await (await fetch('/api/v1/decide', { method: 'POST', headers, body: JSON.stringify({ transaction }) })).json();
      out.push({ id: body.decision_id, processor: body.processor, arm: body.arm, version: body.scheme?.version });
    }
    return out;
  }, { secret, payments });

test('shadow a version and see its differences, then run it as a canary and see the guardrail stop it', async ({ page }) => {
  test.setTimeout(180_000);
  const secret = await createKeyInUi(page, `Rollout backend ${RUN}`, ['read', 'write', 'decide']);
  const version = await publishMarkedVersion(page, secret);
  expect(version).toBeGreaterThan(1);

  // Shadow.
  await page.goto(`/schemes/${SCHEME}/versions`);
  const main = page.getByRole('main');
  await main.getByTestId(`rollout-start-${version}`).getByRole('button', { name: 'Shadow' }).click();
  await expect(main.getByTestId('rollout-panel')).toContainText(`Shadow of v${version}`);
  // Instances learn of the rollout through NOTIFY: decide until the shadow's differences are recorded.
  await expect.poll(async () => {
    await decideAll(page, secret, [...Array.from({ length: 10 }, (_, i) => marked(i)), ...Array.from({ length: 5 }, (_, i) => plain(i))]);
    await page.reload();
    return Number((await main.getByTestId('shadow-summary').innerText()).match(/^(\d+) of/)?.[1] ?? 0);
  }, { timeout: 30_000, intervals: [1000] }).toBeGreaterThanOrEqual(10);
  await page.screenshot({ path: 'test-results/rollout-shadow-panel.png', fullPage: true });
  await main.getByRole('link', { name: /Differences by/ }).click();
  const group = main.getByTestId('difference-group').filter({ hasText: 'proc_stripe' });
  await expect(group).toContainText('proc_adyen_eu');
  await expect(main.getByTestId('shadow-share')).toContainText('decisions differ');
  await page.screenshot({ path: 'test-results/rollout-shadow-differences.png', fullPage: true });
  await group.getByRole('link').first().click();
  await expect(page.getByTestId('dry-run').locator('textarea').first()).toHaveValue(/pay_rollout_/, { timeout: 60_000 });
  await page.goto(`/schemes/${SCHEME}/versions`);
  await main.getByTestId('rollout-panel').getByRole('button', { name: 'Stop' }).click();
  await expect(main.getByTestId('rollout-panel')).toHaveAttribute('data-status', 'stopped');

  // Canary: 25% of traffic, a 5 s window, 10 attempts per arm.
  const start = main.getByTestId(`rollout-start-${version}`);
  await start.getByRole('button', { name: 'Canary…' }).click();
  await start.getByLabel('Share of traffic (%)').fill('25');
  await start.getByLabel(/Minimum attempts/).fill('10');
  await start.getByLabel(/Evaluation window/).fill('5');
  await start.getByRole('button', { name: `Start canary of v${version}` }).click();
  await expect(main.getByTestId('rollout-panel')).toContainText('25% of traffic');
  let decided: Awaited<ReturnType<typeof decideAll>> = [];
  await expect.poll(async () => {
    decided = await decideAll(page, secret, Array.from({ length: 100 }, (_, i) => marked(1000 + i)));
    return decided.every((d) => d.arm === 'control' || d.arm === 'canary');
  }, { timeout: 15_000, intervals: [500] }).toBe(true);
  // The editor's dry run says which arm live traffic sends a payment to.
  const onCanary = decided.find((d) => d.arm === 'canary')!;
  await page.goto(`/schemes/${SCHEME}?dry_run=${onCanary.id}`);
  await expect(page.getByTestId('dry-run-arm')).toHaveAttribute('data-arm', 'canary', { timeout: 60_000 });
  await page.getByTestId('dry-run').screenshot({ path: 'test-results/rollout-dry-run-arm.png' });
  await page.goto(`/schemes/${SCHEME}/versions`);
  for (const d of decided) expect(d.arm === 'canary' ? [d.version, d.processor] : [d.version !== version, d.processor]).toEqual(d.arm === 'canary' ? [version, 'proc_stripe'] : [true, 'proc_adyen_eu']);
  // The payment backend reports: the control approves, the canary declines.
  const summary = await page.evaluate(async ({ secret, decided }) => {
    const lines = decided.map((d) => JSON.stringify({ decision_id: d.id, processor: d.processor, attempt: 1, outcome: d.arm === 'canary' ? 'hard_decline' : 'approved' }));
    const response = await fetch('/api/v1/attempts', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
    const out = (await response.text()).trim().split('\n');
    return JSON.parse(out[out.length - 1]!);
  }, { secret, decided });
  expect(summary.summary.refused).toBe(0);
  await expect.poll(async () => {
    await page.reload();
    return main.getByTestId('rollout-panel').getAttribute('data-status');
  }, { timeout: 60_000, intervals: [1000] }).toBe('tripped');
  await expect(main.getByTestId('rollout-panel')).toContainText('stopped by its guardrail');
  await expect(main.getByTestId('rollout-evaluation')).toContainText('breach');
  await expect(main.getByTestId('arm-canary')).toContainText('0.0%');
  await expect(main.getByTestId('version-events')).toContainText(`stopped the canary of v${version}`);
  await page.screenshot({ path: 'test-results/rollout-canary-tripped.png', fullPage: true });
  // Decide no longer answers with the canary.
  const after = await decideAll(page, secret, [marked(1)]);
  expect(after[0]!.arm).toBeUndefined();
  await page.goto('/');
  await expect(page.getByRole('main').getByTestId('rollout-tripped')).toContainText(`v${version} was stopped by its guardrail`);
  await page.screenshot({ path: 'test-results/rollout-dashboard-flag.png' });
});
