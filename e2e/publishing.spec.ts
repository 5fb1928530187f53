import { expect, test, type Page } from '@playwright/test';
import { api, createKeyInUi } from './api';

const SCHEME = 'sch_demo_eu_cards';
const GERMAN_CARD = {
  id: 'tx_e2e_de', amount: 250, currency: 'EUR', payment_method: 'card', initiator: 'cit', phase: 'charge',
  card: { brand: 'visa', type: 'credit', bin: '411111', issuer_country: 'DE' }, customer: { country: 'DE', ip_country: 'DE', risk_score: 12 },
};

/** The decision for the German card, polled until `check` holds: instances learn of a publish through NOTIFY. */
async function decideUntil(page: Page, secret: string, check: (body: { processor: string; scheme: { version: number } }) => boolean) {
  let last: { status: number; body: { processor: string; scheme: { version: number } } } | undefined;
  await expect
    .poll(async () => {
      last = await api(page, 'POST', '/api/v1/decide', secret, { transaction: GERMAN_CARD });
      return last.status === 200 && check(last.body);
    }, { timeout: 5_000, intervals: [100] })
    .toBe(true);
  return last!.body;
}

test('publish with a test case overridden, see history, diff two versions, roll back, and decide follows', async ({ page }) => {
  // An API key made in the UI, for the payment backend's calls below.
  const secret = await createKeyInUi(page, 'Publishing e2e', ['read', 'write', 'decide']);

  const before = await decideUntil(page, secret, () => true);
  // Other specs may have published versions of the demo scheme already: this one publishes the next.
  const published = await api(page, 'GET', `/api/v1/schemes/${SCHEME}/versions`, secret);
  const next = Math.max(...published.body.map((v: { version: number }) => v.version)) + 1;
  expect(before).toMatchObject({ processor: 'proc_adyen_eu', scheme: { id: SCHEME, version: 1 } });

  // A test case that pins today's behaviour, saved from the versions page.
  await page.goto(`/schemes/${SCHEME}/versions`);
  await expect(page.getByTestId('version-1')).toContainText('active');
  const addCase = page.getByTestId('add-test-case');
  await addCase.getByLabel('Name').fill('German card goes to Adyen');
  await addCase.getByLabel('Expected processor').fill('proc_adyen_eu');
  await addCase.getByLabel('Transaction (JSON)').fill(JSON.stringify(GERMAN_CARD));
  await addCase.getByRole('button', { name: 'Save test case' }).click();
  await expect(page.getByTestId('test-cases')).toContainText('passes');

  // The backend changes the draft: Checkout first for EU cards.
  const draft = await api(page, 'GET', `/api/v1/schemes/${SCHEME}`, secret);
  const document = structuredClone(draft.body.document);
  document.nodes.eu_priority.processors = ['proc_checkout', 'proc_adyen_eu'];
  const saved = await api(page, 'PUT', `/api/v1/schemes/${SCHEME}`, secret, { document, revision: draft.body.revision });
  expect(saved.status).toBe(200);

  await page.reload();
  await expect(page.getByTestId('preflight')).toContainText('0 / 1 test cases pass');
  await expect(page.getByTestId('test-cases')).toContainText('fails');
  const form = page.getByTestId('publish-form');
  await form.getByLabel('Note').fill('Checkout first for EU cards');
  await form.getByLabel(/Activate this version now/).check();
  await form.getByRole('button', { name: /Publish revision/ }).click();
  await expect(form.getByRole('alert').first()).toContainText('1 of 1 saved test cases fail');

  await form.getByLabel('Override reason').fill('Adyen maintenance window, agreed with finance');
  await form.getByLabel(/Activate this version now/).check();
  await form.getByRole('button', { name: /Publish revision/ }).click();
  await expect(form.getByRole('status')).toContainText(`Published version ${next} and activated it`);
  const newest = page.getByTestId(`version-${next}`);
  await expect(newest).toContainText('active');
  await expect(newest).toContainText('Checkout first for EU cards');
  await expect(newest).toContainText('Adyen maintenance window');
  await expect(page.getByTestId('version-1')).not.toContainText('active');
  await page.screenshot({ path: 'test-results/publishing-history.png', fullPage: true });

  const after = await decideUntil(page, secret, (d) => d.scheme.version === next);
  expect(after).toMatchObject({ processor: 'proc_checkout', scheme: { id: SCHEME, version: next } });

  // Diff with the version before: the one changed node, on the graph and in the JSON side by side.
  await page.setViewportSize({ width: 1280, height: 800 });
  await newest.getByRole('link', { name: `Diff with v${next - 1}` }).click();
  await expect(page.getByTestId('diff-changed')).toContainText('eu_priority');
  await expect(page.getByTestId('diff-changed')).toContainText('processors');
  await expect(page.getByTestId('diff-added')).toHaveCount(0);
  await expect(page.getByTestId('json-diff')).toContainText('"proc_checkout"');
  // Only the two lines of the processor list differ, side by side; key order is no change.
  await expect(page.getByTestId('json-diff').locator('tr[data-changed]')).toHaveCount(2);
  // The diff on the graph: the newer version drawn with the editor's nodes, the changed one marked, the rest dimmed.
  const graph = page.getByTestId('diff-graph');
  await expect(graph.locator('.react-flow__node.diff-changed')).toHaveCount(1);
  await expect(graph.locator('.react-flow__node.diff-changed').getByTestId('node-eu_priority')).toBeVisible();
  await expect(graph.locator('.react-flow__node.diff-added')).toHaveCount(0);
  expect(await graph.locator('.react-flow__node.diff-unchanged').count()).toBeGreaterThan(1);
  await expect(graph.locator('.react-flow__node.diff-changed')).toHaveCSS('opacity', '1');
  await expect(graph.locator('.react-flow__node.diff-unchanged').first()).toHaveCSS('opacity', '0.5');
  // Read only: the graph offers nothing to drag, connect or select.
  await expect(graph.locator('.react-flow__node.draggable, .react-flow__node.selectable')).toHaveCount(0);
  await graph.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/publishing-diff-graph.png' });
  await page.screenshot({ path: 'test-results/publishing-diff.png', fullPage: true });

  // Roll back to v1: decide follows.
  await page.getByRole('link', { name: 'All versions' }).click();
  await page.getByTestId('version-1').getByRole('button', { name: 'Roll back to v1' }).click();
  const dialog = page.getByTestId('go-live-dialog');
  await expect(dialog.getByTestId('go-live-summary')).toContainText(`EU cards first v1 replaces EU cards first v${next} as the live routing for all traffic.`);
  await dialog.getByTestId('go-live-confirm').click();
  await expect(page.getByTestId('go-live-result')).toContainText('Version 1 is live');
  await expect(page.getByTestId('version-1')).toContainText('active');
  const rolledBack = await decideUntil(page, secret, (d) => d.scheme.version === 1);
  expect(rolledBack).toMatchObject({ processor: 'proc_adyen_eu', scheme: { id: SCHEME, version: 1 } });

  // Leave the shared demo draft as this test found it: other specs edit and dry-run it too.
  const current = await api(page, 'GET', `/api/v1/schemes/${SCHEME}`, secret);
  const restored = await api(page, 'PUT', `/api/v1/schemes/${SCHEME}`, secret, { document: draft.body.document, revision: current.body.revision });
  expect(restored.status).toBe(200);
});
