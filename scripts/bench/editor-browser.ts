import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import type { Session } from './sign-in';

/**
 * Timing pages and operations in Chromium with the probes of scripts/bench-editor-probes.js.
 * Every time is measured inside the page on its own clock (performance.now(), ms since navigation start).
 */

const PROBES = readFileSync(new URL('../bench-editor-probes.js', import.meta.url), 'utf8');

/** How long the main thread must stay free of long tasks before the page counts as interactive. */
export const QUIET_MS = 1_000;
export const VIEWPORT = { width: 1280, height: 800 };

interface Probe {
  nodesDrawnAt: number | null;
  nodesDrawn: number;
  longTasks: { start: number; end: number }[] | null;
  op: { start: number | null; end: number | null; error: string | null } | null;
  renders: RenderCount;
  counting: boolean;
  resetRenders(): void;
  watch(doneSource: string): void;
}
declare global {
  interface Window {
    __bench: Probe;
  }
}

export interface RenderCount {
  nodes: number;
  components: number;
  commits: number;
  byNode: Record<string, number>;
}

export interface Load {
  page: Page;
  /** Navigation start → every node drawn (in the DOM and measured). */
  drawnMs: number;
  /** How many node elements were in the DOM then (a page may draw only the nodes in view). */
  drawnCount: number;
  /** The canvas (`.react-flow`) size on screen. */
  canvas: { width: number; height: number };
  /** Navigation start → nodes drawn and no long task since (the last one ended then), for QUIET_MS. */
  interactiveMs: number;
  /** Node components rendered from navigation until interactive (once each is the minimum). */
  renders: RenderCount;
}

/** Opens `url` in a fresh browser context with `session`'s cookies and waits until its canvas is interactive. */
export async function openCanvas(browser: Browser, url: string, session: Session): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addCookies(session.cookies);
  await context.addInitScript({ content: PROBES });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'commit' });
  try {
    await page.waitForFunction(() => window.__bench?.nodesDrawnAt != null, null, { timeout: 60_000, polling: 100 });
  } catch (error) {
    const count = await page.locator('.react-flow__node').count().catch(() => -1);
    throw new Error(`bench: ${url} never finished drawing its nodes (${count} in the DOM)${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`, { cause: error });
  }
  const interactiveMs = await waitForQuiet(page);
  const { drawnMs, drawnCount } = await page.evaluate(() => ({ drawnMs: window.__bench.nodesDrawnAt!, drawnCount: window.__bench.nodesDrawn }));
  const renders = await page.evaluate(() => window.__bench.renders);
  const box = await page.locator('.react-flow').first().boundingBox();
  const canvas = { width: Math.round(box?.width ?? 0), height: Math.round(box?.height ?? 0) };
  return { page, drawnMs, drawnCount, canvas, interactiveMs, renders };
}

/**
 * Waits until the main thread has been free of long tasks for QUIET_MS after the nodes were drawn;
 * returns the moment it became free (the end of the last long task, or the drawing if later).
 */
export async function waitForQuiet(page: Page, quietMs = QUIET_MS): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await page.evaluate(() => ({ now: performance.now(), drawn: window.__bench.nodesDrawnAt ?? 0, tasks: window.__bench.longTasks }));
    if (state.tasks === null) throw new Error('bench: this Chromium has no Long Tasks API; cannot tell when the page is interactive');
    const free = Math.max(state.drawn, ...state.tasks.map((task) => task.end));
    if (state.now - free >= quietMs) return free;
    if (Date.now() > deadline) throw new Error('bench: the page never stayed free of long tasks for a second');
    await sleep(Math.max(50, quietMs - (state.now - free)));
  }
}

export interface OpResult {
  /** Last input event → the end of the first frame showing the result. */
  ms: number;
  /** Renders from the input until the page was quiet again (effects and debounced work included). */
  renders: RenderCount;
}

/**
 * Times one operation: `act` gives the input (a click, typing); `done` is a JavaScript expression,
 * evaluated in the page once per frame, that is true when the result shows.
 */
export async function timeOperation(page: Page, done: string, act: () => Promise<void>): Promise<OpResult> {
  await waitForQuiet(page, 300);
  await page.evaluate((source) => {
    window.__bench.resetRenders();
    window.__bench.watch(source);
  }, done);
  await act();
  try {
    await page.waitForFunction(() => window.__bench.op!.end !== null || window.__bench.op!.error !== null, null, { timeout: 15_000, polling: 50 });
  } catch (error) {
    throw new Error(`bench: the operation never showed its result (waiting for ${done})`, { cause: error });
  }
  const op = await page.evaluate(() => window.__bench.op!);
  if (op.error) throw new Error(`bench: the check "${done}" failed in the page: ${op.error}`);
  await waitForQuiet(page, 500);
  const renders = await page.evaluate(() => window.__bench.renders);
  return { ms: op.end! - op.start!, renders };
}

/** The centre of a node on screen. */
export async function nodeCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`.react-flow__node[data-id="${cssString(id)}"]`).boundingBox();
  if (!box) throw new Error(`bench: node ${id} is not on the canvas`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Up to `count` node ids drawn nearest the middle of the canvas (visible, so a click reaches them). */
export async function nodesNearMiddle(page: Page, count: number, exclude: readonly string[] = []): Promise<string[]> {
  return page.evaluate(
    ({ count, exclude }) => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      const mx = pane.left + pane.width / 2;
      const my = pane.top + pane.height / 2;
      return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
        .map((element) => ({ id: element.dataset.id!, rect: element.getBoundingClientRect() }))
        .filter(({ id, rect }) => !exclude.includes(id) && rect.left >= pane.left && rect.right <= pane.right && rect.top >= pane.top && rect.bottom <= pane.bottom)
        .sort((a, b) => Math.hypot(a.rect.x - mx, a.rect.y - my) - Math.hypot(b.rect.x - mx, b.rect.y - my))
        .slice(0, count)
        .map(({ id }) => id);
    },
    { count, exclude: [...exclude] },
  );
}

/** A CSS attribute-selector string for `value`. */
export function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
