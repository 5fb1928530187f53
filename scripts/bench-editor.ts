/**
 * `npm run bench:editor`: the scheme editor on a 1,000-node scheme against a bare React Flow page
 * drawing the same nodes and edges, in one run, in headless Chromium on the production build.
 * Prints a table (median of the runs) with PASS/FAIL per target; exits 1 if a target fails.
 * See docs/editor-performance.md for what each number means.
 *
 *   npm run bench:editor -- [--no-build] [--runs N] [--port P] [--size N] [--only heat-map]
 *
 * --no-build reuses the existing `.next` build (E2E_SKIP_BUILD=1 does the same).
 * --only heat-map measures only the heat map of a simulation run (both views), on the editor alone:
 * no baseline page, no select, edit, JSON or layout rows (a run takes about a third of the time).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { openCanvas, type Load } from './bench/editor-browser';
import { measureEditorOperations, measureHeatMap, measureSelect, type EditorOperations, type HeatMapOperations } from './bench/editor-ops';
import { fmtMs, median, printTable, spread, type Row } from './bench/editor-report';
import { editorBenchScheme, PROBE_VALUE } from './bench/editor-scheme';
import { freePort, prepareDatabase, startServer } from './bench/editor-server';

const { values: options } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    port: { type: 'string' },
    size: { type: 'string', default: '1000' },
    only: { type: 'string' },
  },
});
if (options.only !== undefined && options.only !== 'heat-map') throw new Error(`bench: --only takes heat-map, not ${options.only}`);
const ONLY_HEAT_MAP = options.only === 'heat-map';
const RUNS = Number(options.runs);
const SIZE = Number(options.size);
// The end-to-end tests' Chromium finder (plain JavaScript, so imported without types).
const chromiumFinder: string = './chromium.mjs';
const { findChromium } = (await import(chromiumFinder)) as { findChromium: () => Promise<string | undefined> };
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const TARGET = { interactiveMs: 3_000, interactiveRatio: 2, selectMs: 100, editMs: 100, jsonMs: 200, layoutMs: 1_000, heatMapMs: 300, nodeRenders: 2 };

async function main(): Promise<number> {
  if (!options['no-build'] && !process.env.E2E_SKIP_BUILD) {
    const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) return build.status ?? 1;
  } else if (!existsSync('.next/BUILD_ID')) {
    console.error('bench: --no-build needs an existing production build (run `npx next build` first)');
    return 1;
  }

  const loadBefore = loadavg()[0]!.toFixed(1);
  const generated = performance.now();
  const { doc, probe } = await editorBenchScheme(SIZE);
  const nodeCount = Object.keys(doc.nodes).length;
  console.log(`Scheme: ${nodeCount} nodes (${Object.values(doc.nodes).filter((n) => n.type === 'condition').length} conditions), laid out in Node by the editor's auto layout; generated in ${fmtMs(performance.now() - generated)}. Probe rule on ${probe}.`);

  const temp = mkdtempSync(path.join(tmpdir(), 'switchyard-bench-editor-'));
  const dataDir = path.join(temp, 'pglite');
  const schemeId = await prepareDatabase(dataDir, doc);
  const port = options.port ? Number(options.port) : await freePort();
  const server = await startServer(port, dataDir);
  const executablePath = await findChromium();
  const browser = await chromium.launch({ headless: true, args: BROWSER_ARGS, ...(executablePath ? { executablePath } : {}) });
  const editorUrl = `${server.url}/schemes/${schemeId}`;

  try {
    // One unmeasured load of each first: the server's first request of a route loads its code. The
    // editor's canvas size (the window less the page's chrome and side panel) becomes the baseline's.
    const first = await openCanvas(browser, editorUrl, server.session);
    await first.page.context().close();
    const baselineUrl = `${server.url}/bench/flow-baseline?scheme=${schemeId}&width=${first.canvas.width}&height=${first.canvas.height}`;
    if (!ONLY_HEAT_MAP) await (await openCanvas(browser, baselineUrl, server.session)).page.context().close();

    const loads = { editor: [] as Load[], baseline: [] as Load[] };
    const selects = { editor: [] as number[], baseline: [] as number[], editorRenders: [] as number[], baselineRenders: [] as number[] };
    const operations: EditorOperations[] = [];
    const heatMaps: HeatMapOperations[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate which page goes first, so neither always gets the machine's quieter moment.
      const order = ONLY_HEAT_MAP ? (['editor'] as const) : run % 2 === 0 ? (['baseline', 'editor'] as const) : (['editor', 'baseline'] as const);
      for (const which of order) {
        const load = await openCanvas(browser, which === 'editor' ? editorUrl : baselineUrl, server.session);
        loads[which].push(load);
        if (!ONLY_HEAT_MAP) {
          const select = await measureSelect(load.page, 3, [probe]);
          selects[which].push(...select.map((s) => s.ms));
          selects[which === 'editor' ? 'editorRenders' : 'baselineRenders'].push(...select.map((s) => s.renders.nodes));
          if (which === 'editor') operations.push(await measureEditorOperations(load.page, probe, PROBE_VALUE));
        }
        if (which === 'editor') heatMaps.push(await measureHeatMap(load.page));
        await load.page.context().close();
      }
      process.stdout.write(`run ${run + 1}/${RUNS} done\n`);
    }

    const rows = [...(ONLY_HEAT_MAP ? [] : tableRows(loads, selects, operations, nodeCount)), ...heatMapRows(heatMaps)];
    console.log(`\nChromium headless ${browser.version()}, window 1280×800, both canvases ${first.canvas.width}×${first.canvas.height}, ${RUNS} runs; times are medians (min–max, n = samples).`);
    // Other work on the machine stretches every wall-clock time here: say how busy it was.
    console.log(`Machine: ${cpus().length} cores, load average ${loadBefore} at the start, ${loadavg()[0]!.toFixed(1)} at the end.\n`);
    printTable(rows);
    return rows.some((row) => row.pass === false) ? 1 : 0;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}

function tableRows(
  loads: { editor: Load[]; baseline: Load[] },
  selects: { editor: number[]; baseline: number[]; editorRenders: number[]; baselineRenders: number[] },
  operations: EditorOperations[],
  nodeCount: number,
): Row[] {
  const drawn = { editor: loads.editor.map((l) => l.drawnMs), baseline: loads.baseline.map((l) => l.drawnMs) };
  const interactive = { editor: loads.editor.map((l) => l.interactiveMs), baseline: loads.baseline.map((l) => l.interactiveMs) };
  const ratio = (a: number[], b: number[]) => median(a) / median(b);
  const x = (r: number) => `${r.toFixed(2)}×`;
  const interactiveRatio = ratio(interactive.editor, interactive.baseline);
  const mountRenders = { editor: loads.editor.map((l) => l.renders.nodes), baseline: loads.baseline.map((l) => l.renders.nodes) };
  const drawnCounts = (which: Load[]) => [...new Set(which.map((l) => l.drawnCount))].join(' / ');
  const ops = (pick: (o: EditorOperations) => number[]) => operations.flatMap(pick);
  const edit = ops((o) => o.edit.map((e) => e.ms));
  const editRenders = ops((o) => o.edit.map((e) => e.renders.nodes));
  const json = ops((o) => o.json.map((e) => e.ms));
  const jsonRenders = ops((o) => o.json.map((e) => e.renders.nodes));
  const layout = ops((o) => o.layout.map((e) => e.ms));
  return [
    { metric: `nodes in the DOM when drawn (of ${nodeCount})`, editor: drawnCounts(loads.editor), baseline: drawnCounts(loads.baseline), ratio: '', target: '', pass: null },
    { metric: 'nodes drawn (in the DOM and measured)', editor: spread(drawn.editor), baseline: spread(drawn.baseline), ratio: x(ratio(drawn.editor, drawn.baseline)), target: '', pass: null },
    { metric: 'canvas interactive', editor: spread(interactive.editor), baseline: spread(interactive.baseline), ratio: x(interactiveRatio), target: `< ${fmtMs(TARGET.interactiveMs)}`, pass: median(interactive.editor) < TARGET.interactiveMs },
    { metric: 'canvas interactive vs baseline', editor: '', baseline: '', ratio: x(interactiveRatio), target: `≤ ${TARGET.interactiveRatio}× baseline`, pass: interactiveRatio <= TARGET.interactiveRatio },
    { metric: 'node renders until interactive', editor: count(mountRenders.editor), baseline: count(mountRenders.baseline), ratio: '', target: '', pass: null },
    { metric: 'select a node (click → selected)', editor: spread(selects.editor), baseline: spread(selects.baseline), ratio: x(ratio(selects.editor, selects.baseline)), target: `< ${fmtMs(TARGET.selectMs)}`, pass: median(selects.editor) < TARGET.selectMs },
    { metric: 'node renders per select', editor: count(selects.editorRenders), baseline: count(selects.baselineRenders), ratio: '', target: `≤ ${TARGET.nodeRenders}`, pass: Math.max(...selects.editorRenders) <= TARGET.nodeRenders },
    { metric: 'edit a rule value → on the node', editor: spread(edit), baseline: '—', ratio: '', target: `< ${fmtMs(TARGET.editMs)}`, pass: median(edit) < TARGET.editMs },
    { metric: 'node renders per rule edit', editor: count(editRenders), baseline: '—', ratio: '', target: `≤ ${TARGET.nodeRenders}`, pass: Math.max(...editRenders) <= TARGET.nodeRenders },
    { metric: 'JSON edit → graph', editor: spread(json), baseline: '—', ratio: '', target: `< ${fmtMs(TARGET.jsonMs)}`, pass: median(json) < TARGET.jsonMs },
    { metric: 'node renders per JSON edit', editor: count(jsonRenders), baseline: '—', ratio: '', target: `≤ ${TARGET.nodeRenders}`, pass: Math.max(...jsonRenders) <= TARGET.nodeRenders },
    { metric: 'auto-layout (button → positions)', editor: spread(layout), baseline: '—', ratio: '', target: `< ${fmtMs(TARGET.layoutMs)}`, pass: median(layout) < TARGET.layoutMs },
  ];
}

function heatMapRows(heatMaps: HeatMapOperations[]): Row[] {
  // Per node: the most renders any one node had for showing the heat map (every drawn node changes).
  const heat = (view: keyof HeatMapOperations) => ({
    ms: heatMaps.flatMap((h) => h[view].map((e) => e.ms)),
    renders: heatMaps.flatMap((h) => h[view].map((e) => Math.max(0, ...Object.values(e.renders.byNode)))),
    nodes: heatMaps.flatMap((h) => h[view].map((e) => Object.keys(e.renders.byNode).length)),
  });
  const heatRows = (view: keyof HeatMapOperations, label: string): Row[] => {
    const { ms, renders, nodes } = heat(view);
    const drawnNodes = `${Math.min(...nodes)}–${Math.max(...nodes)} nodes drawn`;
    return [
      { metric: `heat map of a run, ${label} (Show heat map → hits on every drawn node)`, editor: spread(ms), baseline: '—', ratio: '', target: `< ${fmtMs(TARGET.heatMapMs)}`, pass: median(ms) < TARGET.heatMapMs },
      { metric: `renders per node for the heat map, ${label} (${drawnNodes})`, editor: count(renders), baseline: '—', ratio: '', target: `≤ ${TARGET.nodeRenders}`, pass: Math.max(...renders) <= TARGET.nodeRenders },
    ];
  };
  return [...heatRows('inView', 'as opened'), ...heatRows('zoomedOut', 'zoomed out')];
}

const count = (values: number[]) => `${Math.max(...values)} (max)`;

process.exitCode = await main();
