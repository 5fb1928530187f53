import { expect, test } from '@playwright/test';

test.describe('status changes and routes say what they change', () => {
  test('taking the default processor out asks first and names what it changes', async ({ page }) => {
    await page.goto('/processors');
    const row = page.getByTestId('processor-proc_stripe');
    await row.getByLabel('Status of Stripe (global)').selectOption('disabled');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss(); // cancelled: nothing changes
    });
    await row.getByRole('button', { name: 'Set' }).click();
    await expect.poll(() => asked).toContain('Set Stripe (global) to disabled?');
    expect(asked).toContain('is the default processor');
    expect(asked).toContain('Routes “EU cards” and “US fallback” skip Stripe (global)');
    expect(asked).toContain('The active scheme lists Stripe (global)');
    await page.reload();
    await expect(row.locator('.badge')).toHaveText('active');

    // The edit form warns as soon as the status is changed, before anything is saved.
    await page.goto('/processors/proc_stripe');
    await expect(page.getByTestId('status-warning')).toHaveCount(0);
    await page.getByLabel('Status').selectOption('down');
    await expect(page.getByTestId('status-warning')).toContainText('Setting Stripe (global) to down changes routing');
    await expect(page.getByTestId('status-warning')).toContainText('is the default processor');
    await page.screenshot({ path: test.info().outputPath('status-warning.png') });
  });

  test('a status change is confirmed with its effects; routes show status and warn', async ({ page }) => {
    // A processor and a route of this test's own, so other tests' data stays as it is.
    await page.goto('/processors/new');
    await page.getByLabel('Name').fill('Feedback PSP');
    await page.getByLabel('Id', { exact: true }).fill('proc_feedback');
    await page.getByLabel('Provider').fill('acme');
    await page.getByRole('button', { name: 'Register processor' }).click();
    await expect(page.getByTestId('status-notice')).toContainText('Saved Feedback PSP.');

    await page.goto('/routes/new');
    await page.getByLabel('Name').fill('Feedback route');
    for (const id of ['proc_feedback', 'proc_checkout']) {
      await page.getByLabel('Processor to add').selectOption(id);
      await page.getByRole('button', { name: 'Add to route' }).click();
    }
    await page.getByRole('button', { name: 'Create route' }).click();
    await expect(page.getByTestId('route-saved')).toHaveText('Saved route “Feedback route”.');

    await page.goto('/processors');
    const row = page.getByTestId('processor-proc_feedback');
    await row.getByLabel('Status of Feedback PSP').selectOption('down');
    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Set' }).click();
    const notice = page.getByTestId('status-notice');
    await expect(notice).toContainText('Feedback PSP is now down.');
    await expect(notice).toContainText('Route “Feedback route” skips Feedback PSP and tries its next processor.');
    await expect(row.locator('.badge')).toHaveText('down');
    await page.screenshot({ path: test.info().outputPath('status-notice.png') });

    // The routes list shows each processor's status and warns about the one it skips.
    await page.goto('/routes');
    const route = page.locator('tr', { hasText: 'Feedback route' });
    await expect(route.locator('.route-chain li')).toHaveText(['Feedback PSP down', 'Checkout.com active']);
    await expect(route).toContainText('Feedback PSP (down) is not active: the route skips it');
    await page.screenshot({ path: test.info().outputPath('routes-list.png'), fullPage: true });

    // Building a route with a processor that is down warns at once, and again once saved.
    await page.goto('/routes/new');
    await page.getByLabel('Name').fill('Feedback route 2');
    await expect(page.getByLabel('Processor to add').locator('option', { hasText: 'Feedback PSP' })).toHaveText('Feedback PSP (proc_feedback) — down');
    await page.getByLabel('Processor to add').selectOption('proc_feedback');
    await page.getByRole('button', { name: 'Add to route' }).click();
    await expect(page.getByTestId('route-warning')).toContainText('No processor in this route is active');
    await page.getByRole('button', { name: 'Create route' }).click();
    await expect(page.getByTestId('route-saved')).toContainText('No processor in this route is active: Feedback PSP (down)');

    // Back to active: the notice says where it takes payments again.
    await page.goto('/processors');
    await row.getByLabel('Status of Feedback PSP').selectOption('active');
    await row.getByRole('button', { name: 'Set' }).click();
    await expect(notice).toContainText('Feedback PSP takes payments again in routes “Feedback route” and “Feedback route 2”.'); // by name
  });

  test('pages are titled by what they show', async ({ page }) => {
    const titles: [string, string][] = [
      ['/processors', 'Processors · Switchyard'],
      ['/processors/proc_checkout', 'Checkout.com · Processors · Switchyard'],
      ['/routes', 'Processor routes · Switchyard'],
      ['/routes/proute_eu_cards', 'EU cards · Processor routes · Switchyard'],
      ['/filters', 'Filters · Switchyard'],
      ['/filters/flt_high_risk_ip', 'High-risk IP countries · Filters · Switchyard'],
      ['/settings', 'Settings · Switchyard'],
    ];
    for (const [url, title] of titles) {
      await page.goto(url);
      await expect(page).toHaveTitle(title);
    }
  });
});
