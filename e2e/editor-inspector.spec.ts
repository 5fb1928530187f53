import { expect, test, type Locator, type Page } from '@playwright/test';
import { select as selectOnCanvas } from './editor-helpers';

/**
 * The inspector in the real scheme editor, on the demo scheme (never saved here, so other specs see
 * it unchanged): condition rules with typed pickers, weights, priority order, renaming. Each check
 * looks at what a user sees: the inspector's fields and the node on the canvas.
 */
const SCHEME = '/schemes/sch_demo_eu_cards';

test.use({ viewport: { width: 1280, height: 800 } });

const canvasNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function open(page: Page): Promise<Locator> {
  await page.goto(SCHEME);
  await expect(canvasNode(page, 'is_eu')).toBeVisible();
  return page.getByTestId('inspector');
}

/** Selects a node (the shared helper also reaches one outside the canvas's view, where a click would land on another node). */
async function select(page: Page, id: string) {
  await selectOnCanvas(page, id);
  await expect(page.getByTestId('inspector').getByLabel('Id', { exact: true })).toHaveValue(id);
}

/**
 * A drag with real mouse steps, both ends in view first. (locator.dragTo scrolls the target into view
 * after pressing the button, which moves the grip away before Chromium starts the drag.)
 */
async function dragWithMouse(page: Page, source: Locator, target: Locator) {
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 20, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
}

test('nothing selected gives a hint; several selected give a summary with delete', async ({ page }) => {
  const inspector = await open(page);
  await expect(inspector).toContainText('Select a node on the canvas');
  // The demo opens on its start node; zoom out until both nodes are on the canvas, as a user would.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  await select(page, 'is_gb');
  await canvasNode(page, 'gb_split').click({ position: { x: 20, y: 12 }, modifiers: ['Shift'] });
  await expect(inspector.getByRole('heading', { name: '2 nodes selected' })).toBeVisible();
  await inspector.screenshot({ path: 'test-results/inspector-several.png' });
  await inspector.getByRole('button', { name: 'Delete 2 nodes' }).click();
  await expect(canvasNode(page, 'is_gb')).toHaveCount(0);
  await expect(canvasNode(page, 'gb_split')).toHaveCount(0);
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(canvasNode(page, 'gb_split')).toBeVisible();
});

test('edits a condition: a new country rule, amount >, between with its range check', async ({ page }) => {
  const inspector = await open(page);
  await select(page, 'is_eu');

  // A new rule opens its attribute list: search, pick by keyboard.
  await inspector.getByRole('button', { name: '+ Rule' }).click();
  const search = inspector.getByRole('combobox', { name: 'Search attributes' });
  await expect(search).toBeFocused();
  await expect(inspector.getByRole('listbox', { name: 'Attributes' })).toContainText('Shipping country');
  await page.screenshot({ path: 'test-results/inspector-attributes.png' });
  await search.fill('shipping');
  await expect(inspector.getByRole('listbox', { name: 'Attributes' }).getByRole('option').first()).toContainText('Shipping country');
  await search.press('Enter');
  const rule3 = inspector.locator('[data-path="rules.2"]');
  await expect(rule3.getByRole('button', { name: 'Attribute: Shipping country' })).toBeVisible();

  // Only the operators a country allows; pick "is one of" and two countries by name and by code.
  const operator = rule3.getByLabel('Operator');
  await expect(operator.locator('option')).toHaveText(['is (eq)', 'is not (neq)', 'is one of (in)', 'is none of (not_in)', 'is present (exists)', 'is missing (not_exists)']);
  await operator.selectOption('in');
  const countries = rule3.getByRole('combobox', { name: 'Value of Shipping country' });
  await countries.fill('germ');
  await expect(rule3.getByRole('listbox', { name: 'Value of Shipping country options' }).getByRole('option').first()).toContainText('Germany');
  await countries.press('Enter');
  await countries.fill('FR');
  await countries.press('Enter');
  await expect(rule3.locator('.insp-chip')).toHaveText([/DE\s*Germany/, /FR\s*France/]);
  await expect(canvasNode(page, 'is_eu')).toContainText('Shipping country is one of Germany, France');

  // Amount > 100 becomes > 250 when the field is left (one commit, not one per keystroke).
  const rule2 = inspector.locator('[data-path="rules.1"]');
  const amount = rule2.getByLabel('Value of Amount');
  await amount.fill('250');
  await expect(canvasNode(page, 'is_eu')).toContainText('Amount > 100');
  await amount.press('Tab');
  await expect(canvasNode(page, 'is_eu')).toContainText('Amount > 250');

  // between: the value becomes a range; min > max is flagged as you type.
  await rule2.getByLabel('Operator').selectOption('between');
  const min = rule2.getByLabel('Value of Amount: min');
  const max = rule2.getByLabel('Value of Amount: max');
  await expect(min).toHaveValue('250');
  await expect(max).toHaveValue('250');
  await max.fill('100');
  await expect(rule2.getByRole('alert')).toHaveText('min (250) is greater than max (100)');
  await max.fill('1000');
  await expect(rule2.getByRole('alert')).toHaveCount(0);
  await max.press('Enter');
  await expect(canvasNode(page, 'is_eu')).toContainText('Amount is between 250 and 1000');

  // A removed rule is gone from the node; undo brings it back.
  await inspector.getByRole('button', { name: 'Remove rule 3' }).click();
  await expect(canvasNode(page, 'is_eu')).not.toContainText('Shipping country');
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(canvasNode(page, 'is_eu')).toContainText('Shipping country is one of Germany, France');

  await page.screenshot({ path: 'test-results/inspector-condition.png' });

  // Drag the third rule by its grip onto the first: it becomes the first.
  await dragWithMouse(page, inspector.getByLabel('Drag rule 3'), inspector.locator('[data-path="rules.0"]'));
  await expect(inspector.locator('[data-path="rules.0"]').getByRole('button', { name: /^Attribute:/ })).toHaveAccessibleName('Attribute: Shipping country');
  await expect(inspector.locator('[data-path="rules.1"]').getByRole('button', { name: /^Attribute:/ })).toHaveAccessibleName('Attribute: Card issuer country');
  await expect(canvasNode(page, 'is_eu').locator('.sy-rules li').first()).toContainText('Shipping country');
});

test('typed value inputs: BIN digits, regex errors, enum chips, metadata keys, problems listed', async ({ page }) => {
  const inspector = await open(page);
  await select(page, 'is_setup');
  const rule = inspector.locator('[data-path="rules.0"]');
  // Enum chips: phase is setup → charge.
  await rule.getByRole('button', { name: 'Charge', exact: true }).click();
  await expect(rule.getByRole('button', { name: 'Charge', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // BIN: the digit check runs as you type, and the checker agrees once committed.
  await rule.getByRole('button', { name: /^Attribute:/ }).click();
  await inspector.getByRole('combobox', { name: 'Search attributes' }).fill('bin');
  await inspector.getByRole('option', { name: /^BIN card\.bin/ }).click();
  const bin = rule.getByLabel('Value of BIN');
  await bin.fill('4242');
  await expect(rule.getByRole('alert')).toContainText('a BIN is 6 digits');
  await bin.press('Enter');
  await expect(inspector.getByRole('list', { name: 'Problems of this node' })).toContainText('Rule 1:');
  await expect(inspector.getByRole('list', { name: 'Problems of this node' })).toContainText('a BIN is 6 digits');
  await bin.fill('424242');
  await bin.press('Enter');
  await expect(inspector.getByRole('list', { name: 'Problems of this node' })).toHaveCount(0);

  // metadata.<key>: free key entry; matches shows RE2's refusal.
  await rule.getByRole('button', { name: /^Attribute:/ }).click();
  await inspector.getByRole('combobox', { name: 'Search attributes' }).fill('metadata.order_ref');
  await inspector.getByRole('combobox', { name: 'Search attributes' }).press('Enter');
  await expect(rule.getByRole('button', { name: 'Attribute: Metadata: order_ref' })).toBeVisible();
  await rule.getByLabel('Operator').selectOption('matches');
  const regex = rule.getByLabel('Value of Metadata: order_ref');
  await regex.fill('(a)\\1');
  await expect(rule.getByRole('alert')).toBeVisible();
  await regex.fill('^ord_[0-9]+$');
  await expect(rule.getByRole('alert')).toHaveCount(0);
  await regex.press('Enter');
  await expect(canvasNode(page, 'is_setup')).toContainText('matches /^ord_[0-9]+$/');

  // exists takes no value; a filter reference picks from the account's filters.
  await rule.getByLabel('Operator').selectOption('exists');
  await expect(rule).toContainText('No value');
  await inspector.getByRole('button', { name: '+ Filter reference' }).click();
  await expect(inspector.locator('[data-path="rules.1"]').getByLabel('Filter')).toHaveValue('flt_high_risk_ip');
  await expect(canvasNode(page, 'is_setup')).toContainText('High-risk IP countries');
});

test('edits a weight strategy: live sum, add a processor, spread evenly', async ({ page }) => {
  test.slow(); // many steps (weights, spread, cascade, switching the type): over a minute beside the dev-server spec
  const inspector = await open(page);
  await select(page, 'gb_split');
  const sum = inspector.getByTestId('weight-sum');
  await expect(sum).toHaveText('Sum 100 / 100');

  const stripe = inspector.getByLabel('Weight of proc_stripe');
  await stripe.fill('50');
  // Live while typing, before the weight is committed.
  await expect(sum).toHaveText('Sum 80 / 100');
  await stripe.press('Enter');
  await expect(inspector.getByRole('list', { name: 'Problems of this node' })).toContainText('Weights sum to 80, not 100');

  // The picker lists the registry with status; a new processor takes what is left to 100.
  await inspector.getByRole('button', { name: '+ Processor' }).click();
  const processors = inspector.getByRole('listbox', { name: 'Processors' });
  await expect(processors.getByRole('option', { name: /Braintree/ })).toContainText('down');
  await expect(processors.getByRole('option', { name: /Stripe/ })).toContainText('listed');
  await processors.getByRole('option', { name: /Adyen EU/ }).click();
  await expect(inspector.getByLabel('Weight of proc_adyen_eu')).toHaveValue('20');
  await expect(sum).toHaveText('Sum 100 / 100');

  await inspector.getByRole('button', { name: 'Spread evenly' }).click();
  await expect(inspector.getByLabel('Weight of proc_stripe')).toHaveValue('34');
  await expect(inspector.getByLabel('Weight of proc_checkout')).toHaveValue('33');
  await expect(inspector.getByLabel('Weight of proc_adyen_eu')).toHaveValue('33');
  await expect(sum).toHaveText('Sum 100 / 100');
  await expect(canvasNode(page, 'gb_split')).toContainText('34');
  await page.screenshot({ path: 'test-results/inspector-weight.png' });

  // Switching the type keeps the processors: priority orders them by weight.
  await inspector.getByRole('group', { name: 'Strategy type' }).getByRole('button', { name: 'Priority' }).click();
  await expect(inspector.locator('[data-path^="processors."]')).toHaveCount(3);
  await expect(inspector.locator('[data-path="processors.0"]')).toContainText('proc_stripe');

  await page.screenshot({ path: 'test-results/inspector-priority-from-weight.png' });
});

test('reorders a priority list with the arrows and by drag, and takes a processor route', async ({ page }) => {
  const inspector = await open(page);
  await select(page, 'us_priority');
  const rows = inspector.locator('[data-path^="processors."]');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('proc_braintree');
  await expect(rows.nth(0)).toContainText('down');

  await inspector.getByRole('button', { name: 'Move proc_worldpay up' }).click();
  await expect(rows.nth(0)).toContainText('proc_worldpay');
  await expect(rows.nth(1)).toContainText('proc_braintree');
  await expect(canvasNode(page, 'us_priority').locator('li').first()).toContainText('Worldpay');

  // Drag the last one (Stripe) to the top by its grip.
  await dragWithMouse(page, inspector.getByLabel('Drag proc_stripe'), rows.nth(0));
  await expect(rows.nth(0)).toContainText('proc_stripe');
  await expect(rows.nth(1)).toContainText('proc_worldpay');

  await inspector.getByRole('button', { name: '+ Processor or route' }).click();
  await inspector.getByRole('option', { name: /US fallback/ }).click();
  await expect(rows.nth(3)).toContainText('proute_us_fallback');
  await expect(rows.nth(3)).toContainText('proc_worldpay → proc_stripe');

  // Cascade and modifiers in place.
  const cascade = inspector.getByRole('region', { name: 'Cascade' });
  await cascade.getByLabel('Timeout').uncheck();
  await inspector.getByLabel('3-D Secure').selectOption('required');
  await expect(canvasNode(page, 'us_priority')).toContainText('3DS: required');

  await page.screenshot({ path: 'test-results/inspector-priority.png' });
});

test('renames a node: branches follow, refusals show in place, undo restores', async ({ page }) => {
  const inspector = await open(page);
  await select(page, 'is_gb');
  const id = inspector.getByLabel('Id', { exact: true });

  await id.fill('is_eu');
  await id.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText('A node "is_eu" already exists.');
  await id.fill('bad id');
  await id.press('Enter');
  await expect(inspector.getByRole('alert')).toContainText('not a valid node id');

  await id.fill('gb_issuer');
  await id.press('Enter');
  await expect(canvasNode(page, 'gb_issuer')).toBeVisible();
  await expect(canvasNode(page, 'is_gb')).toHaveCount(0);
  await expect(id).toHaveValue('gb_issuer');

  // The branch of is_eu that named is_gb now names gb_issuer.
  await select(page, 'is_eu');
  const branches = inspector.getByRole('region', { name: 'Branches' });
  await expect(branches.getByRole('listitem').nth(1)).toHaveText(/^no\s*gb_issuer/);
  await branches.getByRole('button', { name: /gb_issuer/ }).click();
  await expect(id).toHaveValue('gb_issuer');

  await inspector.getByRole('button', { name: 'Make start' }).click();
  await expect(inspector.getByText('Start', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: /Undo/ }).click();
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(canvasNode(page, 'is_gb')).toBeVisible();
  await select(page, 'is_eu');
  await expect(branches.getByRole('listitem').nth(1)).toHaveText(/^no\s*is_gb\b/);
});
