import type { Page } from '@playwright/test';
import { cssString, nodeCentre, nodesNearMiddle, sleep, timeOperation, waitForQuiet, type OpResult } from './editor-browser';

/** The operations the editor benchmark times, driven as a user would (mouse and keyboard). */

const nodeSelector = (id: string) => `.react-flow__node[data-id="${cssString(id)}"]`;
const js = (value: unknown) => JSON.stringify(value);

/** Clicks `count` different nodes near the middle of the canvas, one after the other: click → node drawn selected. */
export async function measureSelect(page: Page, count: number, exclude: readonly string[] = []): Promise<OpResult[]> {
  const results: OpResult[] = [];
  for (const id of await nodesNearMiddle(page, count, exclude)) {
    const { x, y } = await nodeCentre(page, id);
    const done = `document.querySelector(${js(nodeSelector(id))})?.classList.contains('selected')`;
    results.push(await timeOperation(page, done, () => page.mouse.click(x, y)));
  }
  return results;
}

export interface EditorOperations {
  edit: OpResult[];
  json: OpResult[];
  layout: OpResult[];
}

const probeText = (probe: string, value: number) => `document.querySelector(${js(nodeSelector(probe))})?.textContent.includes(${js(String(value))})`;

/**
 * The editor's own operations on the probe condition (whose one rule is `amount > value`):
 * - edit: select the probe, type a new value into the inspector's value input and press Enter (the
 *   inspector commits a field on Enter or blur) → the node shows it;
 * - json: in the JSON tab, find the value and type another over it → the node shows it;
 * - layout: the other layout direction → the probe node has moved.
 */
export async function measureEditorOperations(page: Page, probe: string, startValue: number, repeats = 2): Promise<EditorOperations> {
  let value = startValue;
  const edit: OpResult[] = [];
  const { x, y } = await nodeCentre(page, probe);
  await page.mouse.click(x, y);
  for (let i = 0; i < repeats; i++) {
    const input = await inspectorInputHolding(page, value);
    value += 1;
    edit.push(
      await timeOperation(page, probeText(probe, value), async () => {
        await input.fill(String(value));
        await input.press('Enter');
      }),
    );
  }

  const json: OpResult[] = [];
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor();
  for (let i = 0; i < repeats; i++) {
    await editor.click();
    await page.keyboard.press('ControlOrMeta+F');
    await page.keyboard.insertText(String(value));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    value += 1;
    // Typed key by key: Monaco takes text through EditContext, which fires no input events, but keys it does.
    json.push(await timeOperation(page, probeText(probe, value), () => page.keyboard.type(String(value))));
  }
  await page.getByRole('tab', { name: 'Graph', exact: true }).click();

  const layout: OpResult[] = [];
  // The scheme was laid out top to bottom: left to right moves every node, then back.
  for (const button of ['Layout →', 'Layout ↓']) {
    const before = await page.locator(nodeSelector(probe)).evaluate((element) => (element as HTMLElement).style.transform);
    const moved = `document.querySelector(${js(nodeSelector(probe))})?.style.transform !== ${js(before)}`;
    layout.push(await timeOperation(page, moved, () => page.getByRole('button', { name: button, exact: true }).click()));
  }
  return { edit, json, layout };
}

/** The inspector's input showing `value` (the probe rule's value). */
async function inspectorInputHolding(page: Page, value: number) {
  const marked = await page.evaluate((text) => {
    const input = [...document.querySelectorAll<HTMLInputElement>('[data-testid="inspector"] input')].find((element) => element.value === text);
    input?.setAttribute('data-bench-probe', '');
    return input !== undefined;
  }, String(value));
  if (!marked) throw new Error(`bench: no inspector input holds the probe value ${value}`);
  return page.locator('[data-bench-probe]');
}

/** True once every node drawn on the canvas carries its hits badge. */
const HEAT_SHOWN = `(() => { const nodes = document.querySelectorAll('.react-flow__node'); return nodes.length > 0 && [...nodes].every((n) => n.querySelector('[data-testid="node-hits"]')); })()`;

export interface HeatMapOperations {
  /** With the canvas as the editor opened it (on its start node: a few nodes drawn). */
  inView: OpResult[];
  /** Zoomed out as far as the editor goes (the toolbar's − button), so it draws as many nodes as it can at once. */
  zoomedOut: OpResult[];
}

/**
 * The heat map of a batch simulation run: runs `payments` synthetic payments from the Simulate tab
 * (the server simulates; the report comes back with every node's hits), then, `repeats` times in each
 * view, hides the heat map and times **Show heat map** → every drawn node shows its hits.
 */
export async function measureHeatMap(page: Page, payments = 20_000, repeats = 2): Promise<HeatMapOperations> {
  await page.getByRole('tab', { name: 'Simulate', exact: true }).click();
  const panel = page.getByTestId('simulate');
  await panel.getByLabel('Payments').fill(String(payments));
  await panel.getByRole('button', { name: 'Run simulation' }).click();
  await page.getByTestId('sim-report').waitFor({ timeout: 120_000 });
  await page.waitForFunction(HEAT_SHOWN, null, { timeout: 15_000, polling: 100 });
  const showHeatMap = async () => {
    const results: OpResult[] = [];
    for (let i = 0; i < repeats; i++) {
      await panel.getByRole('button', { name: 'Hide heat map', exact: true }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="node-hits"]') === null, null, { timeout: 15_000, polling: 100 });
      results.push(await timeOperation(page, HEAT_SHOWN, () => panel.getByRole('button', { name: 'Show heat map', exact: true }).click()));
    }
    return results;
  };
  const inView = await showHeatMap();
  // The editor draws only the nodes in view: zoom out until three more clicks bring no node into view.
  const drawn = () => page.locator('.react-flow__node').count();
  for (let most = await drawn(), unchanged = 0; unchanged < 3; ) {
    await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
    await sleep(250); // the zoom's 150 ms animation
    const now = await drawn();
    unchanged = now > most ? 0 : unchanged + 1;
    most = Math.max(most, now);
  }
  await waitForQuiet(page, 500);
  return { inView, zoomedOut: await showHeatMap() };
}
