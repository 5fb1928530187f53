import { expect, test } from '@playwright/test';
import { api, createKeyInUi } from './api';

/*
 * Scheduled and time-boxed changes, end to end: an activation scheduled a few seconds ahead goes live
 * by itself, and a processor drained for a short while comes back by itself. The server ticks every
 * second here (SWITCHYARD_TICK_MS in playwright.config.ts).
 */

/** A UTC wall-clock time `seconds` from now, as the datetime-local field takes it. */
const utcIn = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19);

test('schedule an activation a few seconds ahead and watch it go live', async ({ page }) => {
  const secret = await createKeyInUi(page, 'Scheduled e2e', ['read', 'write']);
  const demo = await api(page, 'GET', '/api/v1/schemes/sch_demo_eu_cards/versions/1', secret);
  const created = await api(page, 'POST', '/api/v1/schemes', secret, { name: 'Scheduled e2e', document: { ...demo.body.document, name: 'Scheduled e2e' } });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  expect((await api(page, 'POST', `/api/v1/schemes/${id}/publish`, secret, { note: 'to be scheduled' })).status).toBe(201);
  const before = (await api(page, 'GET', '/api/v1/settings', secret)).body;

  await page.goto(`/schemes/${id}/versions`);
  const main = page.getByRole('main');
  const panel = main.getByTestId('schedule-panel');
  await expect(panel).toContainText('Nothing scheduled.');
  await panel.getByLabel('Time zone').fill('UTC');
  // A time in the past is refused before anything is sent (the server refuses it too, by the database's clock).
  await panel.getByLabel('Local date and time').fill(utcIn(-3600));
  await expect(panel.getByTestId('schedule-instant')).toContainText('has already passed');
  await expect(panel.getByTestId('schedule-review')).toBeDisabled();
  await panel.getByLabel('Local date and time').fill(utcIn(20));
  await expect(panel.getByTestId('schedule-instant')).toContainText(/Goes live at \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC/);
  await panel.getByTestId('schedule-review').click();
  const dialog = page.getByTestId('schedule-dialog');
  await expect(dialog.getByTestId('schedule-summary')).toContainText('Scheduled e2e v1 replaces');
  await page.screenshot({ path: 'test-results/scheduled-dialog.png', fullPage: false });
  await dialog.getByTestId('schedule-confirm').click();
  await expect(panel.getByTestId('schedule-result')).toContainText('Scheduled: v1 goes live at');
  const row = panel.getByTestId('scheduled-changes').locator('tbody tr').first();
  await expect(row).toHaveAttribute('data-status', 'pending');
  await expect(row.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await panel.screenshot({ path: 'test-results/scheduled-pending.png' });

  // It goes live by itself: the ticker runs it, and the page shows it done.
  await expect.poll(async () => (await api(page, 'GET', '/api/v1/settings', secret)).body.active_scheme_id, { timeout: 40_000, intervals: [500] }).toBe(id);
  await page.reload();
  await expect(panel.getByTestId('scheduled-changes').locator('tbody tr').first()).toHaveAttribute('data-status', 'done');
  await expect(panel).toContainText('v1 went live');
  await expect(main.getByRole('heading', { level: 1 })).toContainText('active v1');
  await panel.screenshot({ path: 'test-results/scheduled-done.png' });

  // Put back what was live, so other specs see the demo routing again.
  if (before.active_scheme_id) {
    const restored = await api(page, 'POST', `/api/v1/schemes/${before.active_scheme_id}/activate`, secret, { version: before.active_version });
    expect(restored.status).toBe(200);
  }
});

test('drain a processor for a short while: out of traffic, then back by itself', async ({ page }) => {
  const secret = await createKeyInUi(page, 'Drain e2e', ['read', 'write']);
  const processor = { id: 'proc_drain_e2e', name: 'Drain Me', provider: 'acme', status: 'active', currencies: ['EUR'], payment_methods: ['card'], countries: [], approval_rate: 0.9, fees: { percent: 1, fixed: 0 } };
  expect((await api(page, 'POST', '/api/v1/processors', secret, processor)).status).toBe(201);

  await page.goto('/processors');
  const row = page.getByRole('main').getByTestId('processor-proc_drain_e2e');
  await row.getByTestId('drain-open').click();
  await row.getByLabel('How long to drain Drain Me').fill('15 s');
  let warning = '';
  page.once('dialog', (dialog) => {
    warning = dialog.message();
    void dialog.accept();
  });
  await row.getByRole('button', { name: 'Drain', exact: true }).click();
  await expect(page.getByTestId('drain-notice')).toContainText('Drain Me is out of traffic until');
  expect(warning).toContain('Take Drain Me out of traffic for 15 s?');
  await expect(row.locator('.badge')).toHaveText('down');
  await expect(row.getByTestId('drain-status')).toContainText(/drained until .+ \(in \d+ s; by admin@e2e\.test\)/);
  await expect(row.getByTestId('drain-end-now')).toBeVisible();
  await expect(row.getByLabel('Status of Drain Me')).toHaveValue('down');
  await page.getByTestId('drain-notice').screenshot({ path: 'test-results/drained-notice.png' });
  await row.screenshot({ path: 'test-results/drained.png' });

  await expect.poll(async () => (await api(page, 'GET', '/api/v1/processors/proc_drain_e2e', secret)).body.status, { timeout: 40_000, intervals: [500] }).toBe('active');
  await page.goto('/processors');
  await expect(row.locator('.badge')).toHaveText('active');
  await expect(row.getByTestId('drain-open')).toBeVisible();
  await row.screenshot({ path: 'test-results/drain-ended.png' });

  // Both ends are in the audit trail; the return by the system, naming the drain.
  await page.goto('/audit');
  await expect(page.getByRole('main')).toContainText('drain_end');
});
