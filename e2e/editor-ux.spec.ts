import { expect, test, type Locator, type Page } from '@playwright/test';
import { newScheme, node, select, setJsonText } from './editor-helpers';

/**
 * What a new user trips over in the editor: typed JSON kept, the phone view, a canvas that does not
 * crowd itself, one set of words, and the small things around processors, the dry run and lists.
 */

const DEMO = '/schemes/sch_demo_eu_cards';
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });
const viewTab = (page: Page, name: 'Graph' | 'JSON') => page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name });
const sideTab = (page: Page, name: RegExp | string) => page.getByRole('complementary', { name: 'Side panel' }).getByRole('tab', { name });
const palette = (page: Page) => page.getByRole('toolbar', { name: 'Add a node' });

const box = async (locator: Locator) => (await locator.boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The canvas's zoom, from React Flow's viewport transform. */
const zoom = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

// A shared machine: the first open of each page can be slow.
test.describe.configure({ timeout: 120_000 });

test.describe('the editor, as a new user meets it', () => {
  test('unapplied JSON text survives a graph edit and can be restored or discarded', async ({ page }) => {
    await newScheme(page, 'Kept JSON');
    await viewTab(page, 'JSON').click();
    await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 45_000 });
    await setJsonText(page, '{ "format": "switchyard.scheme/v1", "name": "typed by hand", "nodes": {');
    await expect(page.getByTestId('json-status')).toContainText('Not applied');

    await viewTab(page, 'Graph').click();
    await palette(page).getByRole('button', { name: 'Priority', exact: true }).click();
    const banner = page.getByTestId('kept-json');
    await expect(banner).toContainText('Your unapplied JSON text');
    await shot(page, 'kept-json-banner');

    await banner.getByRole('button', { name: 'Restore it' }).click();
    await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 45_000 });
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('typed by hand');
    await expect(page.getByTestId('json-status')).toContainText('Not applied');
    await expect(banner).toBeHidden();

    // Set aside again, then discarded on the user's word.
    await viewTab(page, 'Graph').click();
    await palette(page).getByRole('button', { name: 'Direct', exact: true }).click();
    await expect(banner).toBeVisible();
    page.once('dialog', (dialog) => dialog.accept());
    await banner.getByRole('button', { name: 'Discard' }).click();
    await expect(banner).toBeHidden();
    await viewTab(page, 'JSON').click();
    await expect(page.getByTestId('json-status')).toContainText('Valid document');
  });

  test('selecting a node while the Problems tab shows brings its inspector', async ({ page }) => {
    await page.goto(DEMO);
    await sideTab(page, /Problems/).click();
    await expect(page.getByTestId('problems-panel')).toBeVisible();
    await select(page, 'risk_check');
    await expect(sideTab(page, 'Inspector')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('inspector').getByLabel('Id', { exact: true })).toHaveValue('risk_check');
  });

  for (const width of [1280, 1024]) {
    test(`at ${width} px the demo opens readable and nothing sits under the overlays`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(DEMO);
      await expect(node(page, 'risk_check')).toBeVisible();
      await page.waitForTimeout(600);
      expect(await zoom(page)).toBeGreaterThanOrEqual(0.65);
      await expect(node(page, 'risk_check')).toBeInViewport();
      await shot(page, `demo-open-${width}`);

      // No floating overlays: zoom is in the toolbar, the minimap is off until asked for.
      await expect(page.locator('.react-flow__controls')).toHaveCount(0);
      await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await page.waitForTimeout(600);
      expect(await zoom(page)).toBeGreaterThanOrEqual(0.65);
      await shot(page, `demo-fit-${width}`);

      // With the map on, a scheme that fits leaves the map's corner free.
      await page.getByRole('button', { name: 'Map' }).click();
      const map = await box(page.locator('.react-flow__minimap'));
      await page.goto('/schemes');
      await page.getByLabel('Name').fill(`Small ${width}`);
      await page.getByRole('button', { name: 'Create scheme' }).click();
      await expect(page.getByTestId('scheme-editor')).toBeVisible();
      for (const kind of ['Condition', 'Priority', 'Direct', 'Block']) await palette(page).getByRole('button', { name: kind, exact: true }).click();
      await page.getByRole('button', { name: 'Map' }).click();
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await page.waitForTimeout(600);
      for (const n of await page.locator('.react-flow__node').all()) {
        const b = await n.boundingBox();
        if (b) expect(overlaps(b, map), `${await n.getAttribute('data-id')} under the map`).toBe(false);
      }
      await shot(page, `small-fit-map-${width}`);
    });
  }

  test('a node added from the palette lands wholly in view at 1024 px', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(DEMO);
    await expect(node(page, 'risk_check')).toBeVisible();
    const canvas = await box(page.getByTestId('canvas'));
    for (let i = 0; i < 3; i++) {
      await palette(page).getByRole('button', { name: 'Condition', exact: true }).click();
      const added = page.locator('.react-flow__node.selected');
      await expect(added).toHaveCount(1);
      await page.waitForTimeout(350);
      const b = await box(added);
      expect(b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width && b.y + b.height <= canvas.y + canvas.height).toBe(true);
    }
    await shot(page, 'palette-add-1024');
  });

  test('a condition that grows as rules are added pushes the node under it, in the same undo step', async ({ page }) => {
    await newScheme(page, 'Growth');
    await viewTab(page, 'JSON').click();
    await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 45_000 });
    const doc = {
      format: 'switchyard.scheme/v1',
      name: 'Growth',
      start: 'grow',
      nodes: {
        grow: { type: 'condition', match: 'all', rules: [], then: 'below' },
        below: { type: 'strategy', strategy: 'blank' },
      },
      layout: { grow: { x: 0, y: 0 }, below: { x: 0, y: 110 } },
    };
    await setJsonText(page, JSON.stringify(doc, null, 2));
    await expect(page.getByTestId('json-status')).toContainText('Valid document');
    await viewTab(page, 'Graph').click();
    await select(page, 'grow');
    const addRule = page.getByTestId('inspector').getByRole('button', { name: '+ Rule' });
    const rules = page.getByTestId('inspector').locator('.insp-rule');
    const belowTop = async () => (await box(node(page, 'below'))).y;
    let beforeLast = 0;
    for (let i = 0; i < 4; i++) {
      beforeLast = await belowTop();
      await addRule.click();
      await expect(rules).toHaveCount(i + 1);
      await expect.poll(async () => overlaps(await box(node(page, 'grow')), await box(node(page, 'below'))), { message: `rule ${i + 1} covers the node under it` }).toBe(false);
    }
    // Every rule from the first makes the condition cover the node under it, so the last one pushed it.
    await expect.poll(belowTop).toBeGreaterThan(beforeLast);
    await shot(page, 'growth-pushed');
    await page.keyboard.press('Escape'); // the new rule's attribute picker
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Undo' }).click();
    await expect(rules).toHaveCount(3);
    // The rule and the push it caused went back together: the node is where it was before that rule.
    await expect.poll(async () => Math.abs((await belowTop()) - beforeLast)).toBeLessThan(1);
  });

  test('the palette, canvas and inspector use the same words', async ({ page }) => {
    await newScheme(page, 'Words');
    await expect(palette(page).getByRole('button', { name: 'Weighted split', exact: true })).toBeVisible();
    await palette(page).getByRole('button', { name: 'Block', exact: true }).click();
    const added = page.locator('.react-flow__node.selected');
    await expect(added.locator('.sy-node-kind')).toHaveText('Block');
    const inspector = page.getByTestId('inspector');
    await expect(inspector).toContainText('Strategy · Block');
    const types = inspector.getByRole('group', { name: 'Strategy type' });
    await expect(types.getByRole('button')).toHaveText(['Block', 'Direct', 'Priority', 'Weighted split', 'Random']);
    await types.getByRole('button', { name: 'Weighted split' }).click();
    await expect(added.locator('.sy-node-kind')).toHaveText('Weighted split');
  });

  for (const width of [390, 1024, 1280]) {
    test(`the editor at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(DEMO);
      await expect(node(page, 'risk_check')).toBeVisible();
      await page.waitForTimeout(500);
      await shot(page, `editor-${width}`);
      const note = page.getByTestId('read-only-note');
      if (width > 760) {
        await expect(note).toBeHidden();
        await expect(palette(page)).toBeVisible();
        return;
      }
      await expect(note).toContainText('editing needs a wider screen');
      await expect(palette(page)).toHaveCount(0);
      // The graph takes the full width; the panels sit under it, their tabs side by side.
      const canvas = await box(page.getByTestId('canvas'));
      expect(canvas.width).toBeGreaterThan(width - 20);
      const side = await box(page.getByRole('complementary', { name: 'Side panel' }));
      expect(side.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
      const tabs = await Promise.all(['Inspector', 'Dry run', /Problems/].map((t) => box(sideTab(page, t))));
      for (let i = 1; i < tabs.length; i++) expect(tabs[i]!.x).toBeGreaterThanOrEqual(tabs[i - 1]!.x + tabs[i - 1]!.width - 1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      // Read-only: the inspector shows the node with its fields disabled.
      await select(page, 'risk_check');
      await expect(page.getByTestId('inspector').getByLabel('Id', { exact: true })).toBeDisabled();
      await page.getByTestId('inspector').scrollIntoViewIfNeeded();
      await page.screenshot({ path: test.info().outputPath('editor-390-full.png'), fullPage: true });
    });
  }

  test('the dry run adds any catalog field, and a typo is suggested once', async ({ page }) => {
    await page.goto(DEMO);
    await sideTab(page, 'Dry run').click();
    const dryRun = page.getByTestId('dry-run');
    // The preset carries the IP country: the form shows it, as any catalog field the transaction has.
    await dryRun.getByLabel('IP country').fill('US');
    await expect(dryRun.getByLabel('Transaction JSON')).toHaveValue(/"ip_country": "US"/);
    await dryRun.getByLabel('Add a field').selectOption({ label: 'Merchant · MCC (merchant.mcc)' });
    await dryRun.getByLabel('MCC').fill('5732');
    await expect(dryRun.getByLabel('Transaction JSON')).toHaveValue(/"mcc": 5732/);
    await dryRun.getByLabel('Add a field').selectOption({ label: '3-D Secure · 3DS authenticated (three_ds.authenticated)' });
    await dryRun.getByLabel('3DS authenticated').selectOption('false');
    await expect(dryRun.getByLabel('Transaction JSON')).toHaveValue(/"authenticated": false/);

    const text = await dryRun.getByLabel('Transaction JSON').inputValue();
    await dryRun.getByLabel('Transaction JSON').fill(text.replace('"currency"', '"curency"'));
    await dryRun.getByRole('button', { name: 'Run', exact: true }).click();
    const warnings = page.getByTestId('transaction-warnings');
    await expect(warnings).toContainText('Did you mean "currency"?');
    expect((await warnings.innerText()).match(/Did you mean/g)).toHaveLength(1);
    await shot(page, 'dry-run-fields');
  });
});

test.describe('processors and lists', () => {
  test('the id follows the name, an empty id is required, and fixed fees can be set per currency', async ({ page }) => {
    await page.goto('/processors/new');
    await expect(page.getByText('Fields marked * are required.')).toBeVisible();
    await expect(page.locator('.field-label:has(label[for="name"]) .field-required')).toHaveText('*');
    await page.getByLabel('Name').fill('Paydirect Ü-Cards');
    await expect(page.getByLabel('Id', { exact: true })).toHaveValue('proc_paydirect_u_cards');

    await page.getByLabel('Id', { exact: true }).fill('');
    await page.getByLabel('Provider').fill('paydirect');
    await page.getByRole('button', { name: 'Register processor' }).click();
    await expect(page.locator('#id-error')).toHaveText('Id is required.');

    await page.getByLabel('Id', { exact: true }).fill('proc_paydirect_u');
    await page.getByLabel('Fixed fee', { exact: true }).fill('0.25');
    await page.getByRole('button', { name: 'Add a currency' }).click();
    await page.getByLabel('Currency 1', { exact: true }).selectOption('JPY');
    await page.getByLabel('Fixed fee in JPY').fill('40');
    await shot(page, 'processor-form');
    await page.getByRole('button', { name: 'Register processor' }).click();
    await expect(page).toHaveURL(/\/processors(\?|$)/);
    await expect(page.getByTestId('processor-proc_paydirect_u')).toContainText('0% + 0.25 (JPY 40)');

    await page.goto('/processors/proc_paydirect_u');
    await expect(page.getByLabel('Fixed fee in JPY')).toHaveValue('40');
  });

  test('a list gets a search box once it grows past 8 rows', async ({ page }) => {
    for (const name of ['Search One', 'Search Two', 'Search Three']) {
      await page.goto('/processors/new');
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Provider').fill('search');
      await page.getByRole('button', { name: 'Register processor' }).click();
      await expect(page).toHaveURL(/\/processors(\?|$)/);
    }
    const search = page.getByRole('searchbox', { name: 'Search processors' });
    await expect(search).toBeVisible();
    await search.fill('search two');
    const rows = page.getByTestId('processors-table').locator('tbody > tr:visible');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Search Two');
    await shot(page, 'processors-search');
  });
});
