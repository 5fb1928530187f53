import { expect, test, type Page } from '@playwright/test';
import { addNode, connect, edge, mod, newScheme, node, renameSelected, select } from './editor-helpers';

test.use({ viewport: { width: 1280, height: 800 } });

/** Adds an attribute rule through the inspector: attribute by search, operator, then the value. */
async function addRule(page: Page, attribute: string, operator: string, values: string[], kind: 'codes' | 'number') {
  const inspector = page.getByTestId('inspector');
  await inspector.getByRole('button', { name: '+ Rule' }).click();
  const search = inspector.getByRole('combobox', { name: 'Search attributes' });
  await search.fill(attribute);
  await search.press('Enter');
  const rule = inspector.locator('.insp-rule').last();
  await rule.getByLabel('Operator').selectOption(operator);
  const value = rule.getByRole(kind === 'codes' ? 'combobox' : 'spinbutton', { name: /^Value of / });
  for (const v of values) {
    await value.fill(v);
    await value.press('Enter');
  }
  // Close the picker (Escape) or commit the number (leaving the field).
  if (kind === 'codes') await value.press('Escape');
  else await value.blur();
}

async function addProcessor(page: Page, id: string, button = '+ Processor or route') {
  const inspector = page.getByTestId('inspector');
  await inspector.getByRole('button', { name: button }).click();
  const search = inspector.getByRole('combobox', { name: 'Search processors' });
  await search.fill(id);
  await search.press('Enter');
  await expect(inspector.locator('[data-path^="processors."]').filter({ hasText: id }).first()).toBeVisible();
}

async function runDryRun(page: Page, preset: string) {
  await page.getByRole('tab', { name: 'Dry run' }).click();
  await page.getByLabel('Preset').selectOption({ label: preset });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('decision')).toBeVisible();
}

// Five unconnected nodes side by side must all be on the canvas to draw branches between their
// handles: a wide window lets Fit show them at a readable zoom.
test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('builds the example scheme with mouse and keyboard, saves it, finds it intact after a reload, and dry-runs it', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await newScheme(page, `Example ${Date.now()}`);

    // The starter's blank strategy becomes "blocked".
    await select(page, 'refuse_all');
    await renameSelected(page, 'blocked');
    const reason = page.getByTestId('inspector').getByPlaceholder('Why the payment is refused, e.g. not accepted');
    await reason.fill('not accepted');
    await reason.press('Enter');
    await expect(node(page, 'blocked')).toContainText('Refuses the payment: “not accepted”');

    await addNode(page, 'Condition', 'is_eu');
    await addRule(page, 'issuer country', 'in', ['DE', 'FR', 'NL'], 'codes');
    await addRule(page, 'amount', 'gt', ['100'], 'number');
    await page.getByTestId('inspector').getByRole('button', { name: 'Make start' }).click();
    await expect(node(page, 'is_eu')).toContainText('Card issuer country is one of Germany, France, Netherlands');
    await expect(node(page, 'is_eu')).toContainText('Amount > 100');
    await expect(node(page, 'is_eu')).toContainText('Start');

    await addNode(page, 'Condition', 'is_gb');
    await addRule(page, 'issuer country', 'eq', ['GB'], 'codes');
    await expect(node(page, 'is_gb')).toContainText('Card issuer country is United Kingdom');

    await addNode(page, 'Priority', 'eu_priority');
    await addProcessor(page, 'proc_adyen_eu');
    await addProcessor(page, 'proc_stripe');
    const inspector = page.getByTestId('inspector');
    await inspector.getByLabel('Retry on the next candidate').check();
    await inspector.getByLabel('Timeout').uncheck();
    await inspector.getByLabel('3-D Secure').selectOption('required');
    await expect(node(page, 'eu_priority')).toContainText('Adyen EU');
    await expect(node(page, 'eu_priority')).toContainText('up to 2 attempts on soft decline, processor error');
    await expect(node(page, 'eu_priority')).toContainText('3DS: required');

    await addNode(page, 'Weighted split', 'split');
    await addProcessor(page, 'proc_stripe', '+ Processor');
    await addProcessor(page, 'proc_checkout', '+ Processor');
    for (const [processor, weight] of [['proc_stripe', '70'], ['proc_checkout', '30']] as const) {
      const input = inspector.getByLabel(`Weight of ${processor}`);
      await input.fill(weight);
      await input.press('Enter');
    }
    await expect(node(page, 'split').locator('.sy-weight')).toHaveText(['70', '30']);

    // Lay the unconnected nodes out side by side and fit them all in view (new nodes land where the
    // view follows them, so some are off screen), then draw the branches by dragging between handles.
    await page.getByRole('button', { name: 'Layout ↓' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await connect(page, 'is_eu', 'yes', 'eu_priority');
    await connect(page, 'is_eu', 'no', 'is_gb');
    await connect(page, 'is_gb', 'yes', 'split');
    await connect(page, 'is_gb', 'no', 'blocked');
    for (const id of ['is_eu:yes', 'is_eu:no', 'is_gb:yes', 'is_gb:no']) await expect(edge(page, id)).toBeAttached();
    await page.getByRole('button', { name: 'Layout ↓' }).click();
    await expect(page.getByRole('tab', { name: /Problems/ })).not.toContainText(/\d/);

    await expect(page.getByTestId('dirty-marker')).toBeVisible();
    await page.keyboard.press(`${mod}+s`);
    await expect(page.getByTestId('saved-marker')).toContainText('Saved');
    await page.screenshot({ path: testInfo.outputPath('editor-canvas.png') });

    await page.reload();
    await expect(node(page, 'is_eu')).toContainText('Card issuer country is one of Germany, France, Netherlands');
    await expect(node(page, 'is_eu')).toContainText('Start');
    await expect(node(page, 'eu_priority')).toContainText('3DS: required');
    await expect(node(page, 'split').locator('.sy-weight')).toHaveText(['70', '30']);
    await expect(node(page, 'blocked')).toContainText('not accepted');
    for (const id of ['is_eu:yes', 'is_eu:no', 'is_gb:yes', 'is_gb:no']) await expect(edge(page, id)).toBeAttached();
    await expect(page.getByTestId('saved-marker')).toBeVisible();

    await runDryRun(page, 'German Visa card, €250');
    await expect(page.getByTestId('decision-processor')).toHaveText('Adyen EU');
    await expect(page.getByTestId('decision-candidates')).toContainText('Stripe (global)');
    await expect(page.getByTestId('decision-modifiers')).toContainText('three_ds: required');
    await expect(edge(page, 'is_eu:yes')).toHaveClass(/edge-taken/);
    await expect(edge(page, 'is_eu:no')).toHaveClass(/edge-off/);
    await expect(node(page, 'is_eu').getByTestId('rule-read').first()).toContainText('read “DE”');
    await expect(node(page, 'eu_priority').getByTestId('leaf-outcome')).toContainText('Adyen EU');
    await page.screenshot({ path: testInfo.outputPath('editor-dry-run.png') });

    await runDryRun(page, 'UK Mastercard, £40');
    await expect(page.getByTestId('decision')).toContainText('is_eu');
    await expect(page.getByTestId('decision-processor')).toHaveText(/Stripe \(global\)|Checkout\.com/);
    await expect(edge(page, 'is_eu:no')).toHaveClass(/edge-taken/);
    await expect(edge(page, 'is_gb:yes')).toHaveClass(/edge-taken/);
    await expect(node(page, 'is_eu')).toContainText('read “GB”');
    await expect(node(page, 'split').getByTestId('leaf-outcome')).toBeVisible();

    // Over 64 KB is refused in the field, without running.
    await page.getByLabel('Transaction JSON').fill(JSON.stringify({ id: 'big', note: 'x'.repeat(70_000) }));
    await expect(page.locator('#dry-run-json-error')).toContainText('at most 64 KB');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  });
});

test('refuses a cycle at the pointer; copy and paste a subtree; undo and redo', async ({ page }) => {
  await newScheme(page, `Cycles ${Date.now()}`);
  await addNode(page, 'Condition', 'first');
  await addNode(page, 'Condition', 'second');
  await page.getByRole('button', { name: 'Layout ↓' }).click();
  await connect(page, 'first', 'yes', 'second');
  await expect(edge(page, 'first:yes')).toBeAttached();

  await page.getByRole('button', { name: 'Layout ↓' }).click();
  await connect(page, 'second', 'no', 'first');
  await expect(page.getByTestId('connection-hint')).toContainText('would make a loop: second → first → second');
  await expect(edge(page, 'second:no')).toHaveCount(0);

  // Copy both conditions (and the branch between them), paste: new ids, the inner branch kept.
  await select(page, 'first');
  await select(page, 'second', ['Shift']);
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  await expect(node(page, 'first_2')).toBeVisible();
  await expect(node(page, 'second_2')).toBeVisible();
  await expect(edge(page, 'first_2:yes')).toBeAttached();

  await page.keyboard.press(`${mod}+z`);
  await expect(node(page, 'first_2')).toHaveCount(0);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(node(page, 'first_2')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'second_2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(node(page, 'second_2')).toBeVisible();

  // Delete with the keyboard removes the selection and its branches; undo brings them back.
  await select(page, 'first_2');
  await page.keyboard.press('Delete');
  await expect(node(page, 'first_2')).toHaveCount(0);
  await page.keyboard.press(`${mod}+y`);
  await page.keyboard.press(`${mod}+z`);
  await expect(node(page, 'first_2')).toBeVisible();
  await expect(edge(page, 'first_2:yes')).toBeAttached();
});

test('two tabs save the same draft: the second is refused and offered reload or a copy', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const mine = await context.newPage();
  const theirs = await context.newPage();
  const name = `Two tabs ${Date.now()}`;
  const url = await newScheme(mine, name);
  await theirs.goto(url);

  await addNode(theirs, 'Condition', 'theirs_node');
  await theirs.keyboard.press(`${mod}+s`);
  await expect(theirs.getByTestId('saved-marker')).toContainText('Saved');

  await addNode(mine, 'Priority', 'my_node');
  await mine.getByRole('button', { name: 'Save', exact: true }).click();
  const conflict = mine.getByTestId('save-conflict');
  await expect(conflict).toContainText('Someone else saved this draft');
  await expect(conflict).toContainText('revision 2, you started from 1');
  await conflict.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(mine).not.toHaveURL(url);
  await expect(mine.getByLabel('Scheme name')).toHaveValue(`${name} (copy)`);
  await expect(node(mine, 'my_node')).toBeVisible();
  await expect(node(mine, 'theirs_node')).toHaveCount(0);

  // Back on the original, a stale edit again: this time take theirs.
  await mine.goto(url);
  await expect(node(mine, 'theirs_node')).toBeVisible();
  await addNode(theirs, 'Random', 'theirs_again');
  await theirs.keyboard.press(`${mod}+s`);
  await expect(theirs.getByTestId('saved-marker')).toContainText('Saved');
  await addNode(mine, 'Direct', 'mine_again');
  await mine.keyboard.press(`${mod}+s`);
  await mine.getByTestId('save-conflict').getByRole('button', { name: 'Reload theirs (discard mine)' }).click();
  await expect(node(mine, 'theirs_again')).toBeVisible();
  await expect(node(mine, 'mine_again')).toHaveCount(0);
  await context.close();
});

test('unsaved changes are guarded when following a link', async ({ page }) => {
  await newScheme(page, `Guard ${Date.now()}`);
  await addNode(page, 'Condition', 'pending');
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('link', { name: 'All schemes' }).click();
  await expect(node(page, 'pending')).toBeVisible();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('link', { name: 'All schemes' }).click();
  await expect(page).toHaveURL(/\/schemes$/);
});

test('the seeded demo scheme renders all 13 nodes with badges, without sideways scrolling at 1024 px', async ({ page }, testInfo) => {
  await page.goto('/schemes/sch_demo_eu_cards');
  await expect(page.locator('.react-flow__node')).toHaveCount(13);
  await expect(node(page, 'risk_check')).toContainText('Start');
  await expect(node(page, 'us_priority').getByTestId('node-warnings')).toBeVisible();
  await expect(node(page, 'us_priority')).toContainText('down');
  await page.screenshot({ path: testInfo.outputPath('editor-demo.png') });
  await page.setViewportSize({ width: 1024, height: 768 });
  // Polled: the layout settles over a few frames after the resize.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await page.screenshot({ path: testInfo.outputPath('editor-demo-1024.png') });
});
