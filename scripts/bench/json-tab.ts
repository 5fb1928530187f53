/**
 * What one JSON-tab edit costs on a large scheme, step by step, after the typing pause: parse + format
 * check, the same-document test, the minimal text edit back into Monaco, the checker (in its worker), the
 * markers (every problem path to a range), and the account schema (rebuilt when node ids change).
 * Run: npx tsx scripts/bench/json-tab.ts [nodes]
 */
import { performance } from 'node:perf_hooks';
import { compileOptionsFor, type AccountContext } from '../../lib/account/context';
import { parseSchemeText } from '../../lib/editor/json-document';
import { jsonPathLocator } from '../../lib/editor/json-path-range';
import { jsonSchemaForAccount } from '../../lib/editor/json-schema-for-account';
import { textChange } from '../../lib/editor/json-text-change';
import { checkScheme } from '../../lib/engine/check';
import { generateScheme, PROCESSORS } from './workload';

const target = Number(process.argv[2] ?? 1000);
let size = 1;
let doc = generateScheme(size, 7);
while (Object.keys(doc.nodes).length < target) doc = generateScheme(++size * 2, 7);
const nodes = Object.keys(doc.nodes);
const text = JSON.stringify(doc, null, 2);
// The edit: one rule value changed somewhere in the middle of the text.
const edited = text.replace(/"value": (\d+)/, (_m, n: string) => `"value": ${Number(n) + 1}`);

const account: AccountContext = { processors: PROCESSORS, routes: [], filters: [], customAttributes: [], timeZone: 'UTC' };
const options = compileOptionsFor(account);
const problems = (() => {
  const r = checkScheme(doc, options);
  return [...r.errors, ...r.warnings];
})();

function median(run: () => unknown, times = 15): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const parsed = parseSchemeText(edited);
if (!parsed.ok) throw new Error('the edited text should parse');
const rows: [string, number][] = [
  ['parse + format check (parseSchemeText)', median(() => parseSchemeText(edited))],
  ['same document? (two JSON.stringify)', median(() => JSON.stringify(parsed.doc) === JSON.stringify(doc))],
  ['minimal edit back into Monaco (textChange)', median(() => textChange(text, edited))],
  ['checker, in the worker (checkScheme)', median(() => checkScheme(parsed.doc, options))],
  [`markers: ${problems.length} problem paths → ranges`, median(() => {
    const locate = jsonPathLocator(edited);
    return problems.map((p) => locate(p.path));
  })],
  ['account schema (node ids changed)', median(() => jsonSchemaForAccount(account, options.catalog, nodes))],
];
const onTypingPath = rows[0]![1] + rows[1]![1] + rows[2]![1];

console.log(`JSON tab, ${nodes.length} nodes, ${(text.length / 1024).toFixed(0)} KB of JSON (median of 15 runs, ms)`);
for (const [step, ms] of rows) console.log(`  ${step.padEnd(48)} ${ms.toFixed(2).padStart(8)}`);
console.log(`  ${'on the main thread per applied edit'.padEnd(48)} ${onTypingPath.toFixed(2).padStart(8)}`);
