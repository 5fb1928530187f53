import { expect, type Locator, type Page } from '@playwright/test';

/** Creates a scheme from the schemes page and waits for its editor. Returns the scheme's URL. */
export async function newScheme(page: Page, name: string): Promise<string> {
  await page.goto('/schemes');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create scheme' }).click();
  await expect(page.getByTestId('scheme-editor')).toBeVisible();
  await expect(page.getByLabel('Scheme name')).toHaveValue(name);
  return page.url();
}

export const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
export const edge = (page: Page, id: string) => page.getByTestId(`rf__edge-${id}`);

/** Adds a node from the palette (it comes selected) and gives it an id in the inspector. */
export async function addNode(page: Page, kind: string, id: string) {
  await page.getByRole('toolbar', { name: 'Add a node' }).getByRole('button', { name: kind, exact: true }).click();
  await renameSelected(page, id);
}

export async function renameSelected(page: Page, id: string) {
  const field = page.getByTestId('inspector').getByRole('textbox', { name: /^Id/ });
  await field.fill(id);
  await field.press('Enter');
  await expect(node(page, id)).toBeVisible();
}

/** Drags from a condition's yes / no handle to the input handle of another node, as a user would. */
export async function connect(page: Page, source: string, handle: 'yes' | 'no', target: string) {
  const from = await settledBox(page, node(page, source).locator(`.sy-handle-${handle}`));
  const to = await settledBox(page, node(page, target).locator('.sy-handle-in'));
  if (!from || !to) throw new Error(`handles of ${source} / ${target} are not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** The box of an element once the canvas stopped moving (a fit or layout animates the viewport). */
async function settledBox(page: Page, locator: Locator) {
  let last = await locator.boundingBox();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const box = await locator.boundingBox();
    if (box && last && box.x === last.x && box.y === last.y) return box;
    last = box;
  }
  return last;
}

/**
 * Selects a node by clicking its title bar. A scheme too tall to read whole opens on its start node,
 * so a node further down can lie outside the canvas: then the click is dispatched on the node itself
 * (what these tests check is the inspector, not panning the canvas).
 */
export async function select(page: Page, id: string, modifiers: ('Shift')[] = []) {
  const head = node(page, id).locator('.sy-node-head');
  if (modifiers.length === 0 && !(await insideCanvas(page, head))) {
    await head.dispatchEvent('click');
    return;
  }
  await head.click({ modifiers });
}

async function insideCanvas(page: Page, target: Locator): Promise<boolean> {
  const [box, pane] = await Promise.all([target.boundingBox(), page.locator('.react-flow').first().boundingBox()]);
  if (!box || !pane) return false;
  return box.y >= pane.y && box.y + box.height <= pane.y + pane.height && box.x >= pane.x && box.x + box.width <= pane.x + pane.width;
}

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Replaces the JSON tab's text by pasting over all of it (typing would auto-close brackets). */
export async function setJsonText(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
