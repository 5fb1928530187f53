import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simulationRuns } from './schema';
import { DEMO_SCHEME_ID, seedDemoData } from './seed';
import { testDatabases } from './testing';
import type { Connection } from './client';
import type { ServiceContext } from '@/lib/services/context';
import { executeRun, exportRun, getRun, listRuns, prepareRun, stopRun, type RunOutcome } from '@/lib/services/simulation-runs';
import { getScheme } from '@/lib/services/schemes';
import { loadAccountContext } from '@/lib/services/account-context';
import { compileOptionsFor } from '@/lib/account/context';
import { compile, indexProcessors } from '@/lib/engine';
import { simulateBatch } from '@/lib/simulation/batch';
import { generateTransactions } from '@/lib/simulation/traffic';
import { exportLine } from '@/lib/simulation/export-csv';
import type { SchemeDocument } from '@/lib/scheme/schema';

process.env.SWITCHYARD_SIMULATION_DIR = mkdtempSync(path.join(tmpdir(), 'sim-inputs-'));

async function* bytesOf(text: string, chunk = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
}

const CSV = [
  'id,amount,currency,payment_method,card.brand,card.issuer_country',
  't1,120,EUR,card,visa,DE',
  't2,abc,EUR,card,visa,FR',
  't3,30,USD,card,mastercard,US',
  't4,9,EUR,card',
  't5,15,GBP,card,visa,GB',
].join('\n');

describe.each(testDatabases())('simulation runs on $name', (target) => {
  let connection: Connection;
  let ctx: ServiceContext;
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    ctx = { db: connection.db, actor: { kind: 'user', id: 'u1', email: 'ana@example.com', role: 'editor' }, via: 'ui' };
  });
  afterAll(async () => connection?.close());

  async function run(body: unknown, input: AsyncIterable<Uint8Array> | null = null): Promise<{ id: string; outcome: RunOutcome }> {
    const prepared = await prepareRun(ctx, DEMO_SCHEME_ID, body);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
    const executed = await executeRun(ctx, DEMO_SCHEME_ID, prepared.value.id, input);
    if (!executed.ok) throw new Error(JSON.stringify(executed.error));
    return { id: prepared.value.id, outcome: executed.value };
  }

  it('stores a synthetic run whose report (heat map included) equals the CLI simulation of the same traffic', async () => {
    const { id, outcome } = await run({ kind: 'batch', target: { kind: 'draft' }, input: { kind: 'synthetic', count: 3000 }, seed: 9 });
    expect(outcome.status).toBe('done');
    const stored = await getRun(ctx, DEMO_SCHEME_ID, id);
    if (!stored.ok) throw new Error('not stored');
    const scheme = await getScheme(ctx.db, DEMO_SCHEME_ID);
    const options = compileOptionsFor(await loadAccountContext(ctx.db));
    const compiled = compile(scheme!.document, options);
    if (!compiled.ok) throw new Error('demo does not compile');
    const cli = await simulateBatch(generateTransactions(3000, { seed: 9 }), { plan: compiled.plan, processors: indexProcessors(options.registry.processors), seed: 9 });
    expect(stored.value.report).toEqual(cli);
    expect(stored.value.report.node_hits[scheme!.document.start]).toBe(3000);
    expect(Object.values(stored.value.report.edge_hits).some((n) => n > 0)).toBe(true);
    expect(stored.value).toMatchObject({ actor: 'ana@example.com', rows: 3000, seed: 9, input: { kind: 'synthetic', count: 3000 }, target: { kind: 'draft' } });
    expect((await listRuns(ctx, DEMO_SCHEME_ID)).map((r) => r.id)).toContain(id);
  });

  it('skips bad CSV rows with their line, column and problem, and hashes the upload', async () => {
    const { outcome } = await run(
      { kind: 'batch', target: { kind: 'draft' }, input: { kind: 'file', format: 'csv', file_name: 'sample.csv', size: CSV.length }, on_error: 'skip' },
      bytesOf(CSV),
    );
    if (outcome.status !== 'done' || outcome.kind !== 'batch') throw new Error(`not done: ${outcome.status}`);
    expect(outcome.run.rows).toBe(3);
    expect(outcome.run.input_problems.count).toBe(2);
    expect(outcome.run.input_problems.first).toEqual([
      { line: 3, column: 'amount', problem: 'column "amount": "abc" is not a valid number' },
      { line: 5, column: null, problem: 'expected 6 fields, found 4' },
    ]);
    expect(outcome.run.input).toMatchObject({ kind: 'file', file_name: 'sample.csv', size: CSV.length });
    expect((outcome.run.input as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stops at the first bad row when asked to, and stores nothing', async () => {
    const before = (await ctx.db.select().from(simulationRuns)).length;
    const { outcome } = await run(
      { kind: 'batch', target: { kind: 'draft' }, input: { kind: 'file', format: 'csv', file_name: 'sample.csv', size: CSV.length }, on_error: 'stop' },
      bytesOf(CSV),
    );
    expect(outcome).toMatchObject({ status: 'stopped', problem: { line: 3, column: 'amount' } });
    expect((await ctx.db.select().from(simulationRuns)).length).toBe(before);
  });

  it('refuses a file over the limit before it is sent, naming the limit', async () => {
    const prepared = await prepareRun(ctx, DEMO_SCHEME_ID, { kind: 'batch', target: { kind: 'draft' }, input: { kind: 'file', format: 'csv', file_name: 'big.csv', size: 600 * 1024 * 1024 } });
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) expect(prepared.error.message).toContain('500 MB');
  });

  it('cancels within a second and stores nothing', async () => {
    const before = (await ctx.db.select().from(simulationRuns)).length;
    const prepared = await prepareRun(ctx, DEMO_SCHEME_ID, { kind: 'batch', target: { kind: 'draft' }, input: { kind: 'synthetic', count: 10_000_000 } });
    if (!prepared.ok) throw new Error('not prepared');
    const running = executeRun(ctx, DEMO_SCHEME_ID, prepared.value.id, null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = performance.now();
    expect(stopRun(DEMO_SCHEME_ID, prepared.value.id).ok).toBe(true);
    const outcome = await running;
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(outcome.ok && outcome.value.status).toBe('cancelled');
    expect((await ctx.db.select().from(simulationRuns)).length).toBe(before);
  });

  it('exports every payment of a stored run as CSV, replayed exactly', async () => {
    const { id } = await run({ kind: 'batch', target: { kind: 'draft' }, input: { kind: 'synthetic', count: 250 }, seed: 4 });
    const exported = await exportRun(ctx, DEMO_SCHEME_ID, id);
    if (!exported.ok) throw new Error('no export');
    let text = '';
    for await (const chunk of exported.value.chunks) text += chunk;
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(251);
    const scheme = await getScheme(ctx.db, DEMO_SCHEME_ID);
    const options = compileOptionsFor(await loadAccountContext(ctx.db));
    const compiled = compile(scheme!.document, options);
    if (!compiled.ok) throw new Error('demo does not compile');
    const first = generateTransactions(1, { seed: 4 }).next().value!;
    expect(`${lines[1]}\n`).toBe(exportLine(1, first, compiled.plan, indexProcessors(options.registry.processors), 4));
  });

  it('previews the impact of an edit: changed decisions grouped old → new, with examples', async () => {
    const scheme = await getScheme(ctx.db, DEMO_SCHEME_ID);
    const doc = structuredClone(scheme!.document) as SchemeDocument;
    // Reverse the order of every priority list: their first choices change.
    for (const node of Object.values(doc.nodes)) {
      if (node.type === 'strategy' && node.strategy === 'priority') node.processors = [...node.processors].reverse();
    }
    const { outcome } = await run({
      kind: 'impact', before: { kind: 'draft' }, after: { kind: 'unsaved', document: doc, revision: scheme!.revision },
      input: { kind: 'synthetic', count: 2000 }, seed: 2,
    });
    if (outcome.status !== 'done' || outcome.kind !== 'impact') throw new Error(`not done: ${outcome.status}`);
    const impact = outcome.impact;
    expect(impact.total).toBeGreaterThanOrEqual(2000); // the scheme's test cases come on top
    expect(impact.changed).toBeGreaterThan(0);
    expect(impact.groups.reduce((s, g) => s + g.count, 0) + impact.other_changed).toBe(impact.changed);
    for (const group of impact.groups) {
      expect(group.from).not.toBe(group.to);
      expect(group.examples.length).toBeGreaterThan(0);
    }
  });
});
