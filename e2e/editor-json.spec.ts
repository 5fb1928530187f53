import { expect, test, type Page } from '@playwright/test';
import { EXAMPLE_SCHEME } from '../lib/scheme/examples';
import type { SchemeDocument } from '../lib/scheme/schema';
import { setJsonText } from './editor-helpers';

/**
 * The scheme editor's JSON tab, live validation and problems list, driven as a user would, with every
 * request to a host other than this machine blocked (Monaco and its workers come from the app).
 */

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** Blocks every request that leaves the machine, and remembers what was attempted. */
async function offline(page: Page): Promise<string[]> {
  const attempted: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
    attempted.push(url.href);
    return route.abort('internetdisconnected');
  });
  return attempted;
}

/** A new scheme of our own (tests never share a document), its editor open. */
async function newScheme(page: Page, name: string) {
  await page.goto('/schemes');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create scheme' }).click();
  await expect(page.getByTestId('scheme-editor')).toBeVisible();
}

const viewTab = (page: Page, name: 'Graph' | 'JSON') => page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name });
const sideTab = (page: Page, name: RegExp) => page.getByRole('tablist').filter({ hasText: 'Inspector' }).getByRole('tab', { name });

async function openJson(page: Page) {
  await viewTab(page, 'JSON').click();
  await expect(page.locator('.monaco-editor')).toBeVisible();
}

const format = (doc: SchemeDocument) => JSON.stringify(doc, null, 2);

/** The lines Monaco shows (it renders only what is in view): scrolled to the top of the text first. */
async function topOfText(page: Page) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  return page.locator('.monaco-editor .view-lines');
}

/** The editor's current document, as the Export button downloads it. */
async function exportedDocument(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .json' }).click();
  const file = await download;
  const chunks = await (await file.createReadStream()).toArray();
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

function example(name: string): SchemeDocument {
  return { ...structuredClone(EXAMPLE_SCHEME), name };
}

/** The canvas's node for an id. */
const canvasNode = (page: Page, id: string) => page.getByTestId('canvas').getByTestId(`node-${id}`);

test.describe('JSON tab', () => {
  test('Monaco, its JSON worker and the checker worker load with every non-local request blocked', async ({ page }) => {
    const attempted = await offline(page);
    await newScheme(page, 'Offline JSON');
    await openJson(page);
    await expect(page.getByTestId('json-status')).toContainText('Valid document');
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('"format": "switchyard.scheme/v1"');

    // Monaco's JSON service (in its worker) validates against the scheme's JSON Schema as you type.
    await setJsonText(page, '{\n  "format": "switchyard.scheme/v1",\n  "name": 42\n}');
    await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
    await expect(page.getByTestId('json-status')).toContainText('Not applied');

    // The checker runs in a worker too: a document with a dangling branch is reported.
    const dangling = example('Offline JSON');
    (dangling.nodes.is_eu as { then?: string }).then = 'nowhere';
    await setJsonText(page, format(dangling));
    await sideTab(page, /Problems/).click();
    await expect(page.getByTestId('problems-panel')).toContainText('nowhere');
    const workerNames = await Promise.all(page.workers().map((w) => w.evaluate(() => self.name)));
    expect(workerNames).toContain('scheme-checker');
    expect(attempted).toEqual([]);
  });

  test('completion offers this account’s processors, attributes and node ids', async ({ page }) => {
    await offline(page);
    await newScheme(page, 'Completion');
    await openJson(page);
    const suggestions = page.locator('.monaco-editor .suggest-widget');
    const head = '{\n  "format": "switchyard.scheme/v1",\n  "name": "Completion",\n  "start": "pick",\n  "nodes": {\n';

    await setJsonText(page, `${head}    "pick": { "type": "strategy", "strategy": "direct", "processors": ["`);
    await page.keyboard.press('Control+Space');
    await expect(suggestions).toContainText('proc_stripe');
    await expect(suggestions).toContainText('proc_adyen_eu');
    await page.screenshot({ path: 'test-results/editor-json-completion.png' });
    await page.keyboard.press('Escape');

    await setJsonText(page, `${head}    "check": { "type": "condition", "rules": [{ "attribute": "card.`);
    await page.keyboard.press('Control+Space');
    await expect(suggestions).toContainText('card.issuer_country');

    await setJsonText(page, `${head}    "check": { "type": "condition", "rules": [], "then": "`);
    await page.keyboard.press('Control+Space');
    await expect(suggestions).toContainText('refuse_all');
  });

  test('a JSON edit reaches the graph; broken JSON shows where, and the graph keeps the last valid document', async ({ page }) => {
    await offline(page);
    await newScheme(page, 'JSON to graph');
    await openJson(page);
    const doc = example('JSON to graph');
    await setJsonText(page, format(doc));
    await expect(page.getByTestId('json-status')).toContainText('Valid document');

    await viewTab(page, 'Graph').click();
    await expect(canvasNode(page, 'risk_check')).toContainText('Risk score 90 or more');

    // An edit of one value reaches its node.
    await openJson(page);
    doc.nodes.risk_check!.label = 'Risk score 95 or more';
    await setJsonText(page, format(doc));
    await expect(page.getByTestId('json-status')).toContainText('Valid document');
    await viewTab(page, 'Graph').click();
    await expect(canvasNode(page, 'risk_check')).toContainText('Risk score 95 or more');

    // Broken JSON: the error with its line and column, and the graph stays as it was.
    await openJson(page);
    const broken = format(doc).replace('"label": "Risk score 95 or more",', '"label": "never applied",,');
    await setJsonText(page, broken);
    await expect(page.getByTestId('json-status')).toContainText('Not applied');
    const line = broken.split('\n').findIndex((l) => l.includes(',,')) + 1;
    await expect(page.getByTestId('json-problems')).toContainText(`JSON syntax error at line ${line}, column`);
    await viewTab(page, 'Graph').click();
    await expect(canvasNode(page, 'risk_check')).toContainText('Risk score 95 or more');
    await expect(canvasNode(page, 'risk_check')).not.toContainText('never applied');

    // Switching tabs lost nothing: the broken text is still there to fix.
    await openJson(page);
    await expect(await topOfText(page)).toContainText('"never applied",,');
    await expect(page.getByTestId('json-problems')).toBeVisible();

    // A document the format refuses: each problem with its line and JSON path.
    await setJsonText(page, format(doc).replace('"operator": "gte"', '"operator": "bigger"'));
    await expect(page.getByTestId('json-problems')).toContainText('$.nodes.risk_check.rules[0].operator');
    await expect(page.getByTestId('json-problems')).toContainText(/line \d+, column \d+/);
    await page.screenshot({ path: 'test-results/editor-json-invalid.png' });
    await viewTab(page, 'Graph').click();
    await expect(canvasNode(page, 'risk_check')).toContainText('Risk score 95 or more');
  });

  test('undo and redo step through graph and JSON edits alike', async ({ page }) => {
    await offline(page);
    await newScheme(page, 'Undo across views');
    await openJson(page);
    await setJsonText(page, format(example('Undo across views')));
    await expect(page.getByTestId('json-status')).toContainText('Valid document');

    // A graph edit: delete a leaf node on the canvas.
    await viewTab(page, 'Graph').click();
    await canvasNode(page, 'blocked_risk').click();
    await page.keyboard.press('Delete');
    await expect(canvasNode(page, 'blocked_risk')).toHaveCount(0);

    // A JSON edit on top of it, of the document as the graph edit left it.
    await openJson(page);
    const afterDelete = JSON.parse((await exportedDocument(page)).text) as SchemeDocument;
    expect(afterDelete.nodes.blocked_risk).toBeUndefined();
    afterDelete.nodes.risk_check!.label = 'Risk 95+';
    await setJsonText(page, format(afterDelete));
    await expect(page.getByTestId('json-status')).toContainText('Valid document');
    await viewTab(page, 'Graph').click();
    await expect(canvasNode(page, 'risk_check')).toContainText('Risk 95+');

    const undo = page.getByRole('button', { name: 'Undo' });
    const redo = page.getByRole('button', { name: 'Redo' });
    await undo.click();
    await expect(canvasNode(page, 'risk_check')).toContainText('Risk score 90 or more');
    await expect(canvasNode(page, 'blocked_risk')).toHaveCount(0);
    await undo.click();
    await expect(canvasNode(page, 'blocked_risk')).toBeVisible();
    await redo.click();
    await expect(canvasNode(page, 'blocked_risk')).toHaveCount(0);

    // Inside the JSON tab, Ctrl+Z is the same document history while the text is the document.
    await openJson(page);
    const text = await topOfText(page);
    await expect(text).toContainText('Risk score 90 or more');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(text).toContainText('Risk 95+');
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(text).toContainText('Risk score 90 or more');
    await page.keyboard.press('ControlOrMeta+Z');
    await viewTab(page, 'Graph').click();
    await expect(canvasNode(page, 'blocked_risk')).toBeVisible();
  });

  test('clicking a problem selects its node on the canvas, or its JSON path in the JSON tab', async ({ page }) => {
    await offline(page);
    await newScheme(page, 'Problems focus');
    await openJson(page);
    const doc = example('Problems focus');
    (doc.nodes.setup_direct as { processors: string[] }).processors = ['proc_missing'];
    const text = format(doc);
    await setJsonText(page, text);
    await expect(page.getByTestId('json-status')).toContainText('Valid document');

    await viewTab(page, 'Graph').click();
    await sideTab(page, /Problems/).click();
    const panel = page.getByTestId('problems-panel');
    await expect(panel.getByTestId('problems-error-count')).toHaveText('1 error');
    await expect(panel.getByTestId('problems-warning-count')).toHaveText(/^\d+ warnings?$/);
    const problem = panel.getByRole('button', { name: /proc_missing/ });
    await expect(problem).toContainText('$.nodes.setup_direct.processors[0]');

    // A badge on its node, and a click selects the node on the canvas.
    await expect(canvasNode(page, 'setup_direct').getByTestId('node-errors')).toHaveText(/1/);
    await problem.click();
    await expect(canvasNode(page, 'setup_direct')).toHaveClass(/is-selected/);

    // With the JSON tab showing, the same click selects the path in the text, where it is a marker too.
    await openJson(page);
    await problem.click();
    const line = text.split('\n').findIndex((l) => l.includes('"proc_missing"')) + 1;
    await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText(String(line));
    await expect(page.locator('.monaco-editor .selected-text').first()).toBeVisible();
    await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
    await page.locator('.monaco-editor .view-lines span', { hasText: /^"proc_missing"$/ }).hover();
    await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('Unknown processor');
    await page.screenshot({ path: 'test-results/editor-json-tab.png' });
  });

  test('imports a valid scheme file as one undo step, refuses a broken one, exports the document', async ({ page }) => {
    await offline(page);
    await newScheme(page, 'Import export');
    await openJson(page);
    const input = page.getByLabel('Import a scheme file');

    // A file the format refuses changes nothing and says why, with paths.
    const bad = { ...example('Broken'), start: 42, nodes: { x: { type: 'strategy', strategy: 'teleport' } } };
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const refusal = page.getByRole('alert').filter({ hasText: 'was not imported' });
    await expect(refusal).toContainText('broken.json was not imported; nothing changed.');
    await expect(refusal).toContainText('$.start');
    await expect(refusal).toContainText('$.nodes.x');
    await page.screenshot({ path: 'test-results/editor-json-import-refused.png' });
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('"name": "Import export"');

    // A valid file replaces the document as one undo step.
    const imported = example('Imported scheme');
    await input.setInputFiles({ name: 'eu.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
    await expect(refusal).toHaveCount(0);
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('"name": "Imported scheme"');
    await viewTab(page, 'Graph').click();
    await expect(canvasNode(page, 'is_eu')).toBeVisible();

    // Export downloads the current document, formatted, named after the scheme.
    await viewTab(page, 'JSON').click();
    const exported = await exportedDocument(page);
    expect(exported.name).toBe('imported-scheme.json');
    expect(JSON.parse(exported.text)).toEqual(imported);
    expect(exported.text).toBe(`${format(imported)}\n`);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('"name": "Import export"');
  });
});
