import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PROCESSORS, EXAMPLE_SCHEME } from '../lib/scheme/examples';

const ROOT = path.resolve(import.meta.dirname, '..');
let dir = '';
const file = (name: string) => path.join(dir, name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return cliWith({}, ...args);
}

/** The CLI with extra environment variables (TZ: the host's time zone). */
function cliWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // The project's own tsx (what `npx tsx` runs), started in the temp dir so file names stay relative.
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const options = { cwd: dir, maxBuffer: 64 << 20, env: { ...process.env, ...env } };
    execFile(tsx, [path.join(ROOT, 'scripts/scheme-cli.ts'), ...args], options, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const TRANSACTIONS = [
  { id: 'eu_big', amount: 250, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } },
  { id: 'risky', amount: 10, currency: 'EUR', payment_method: 'card', customer: { risk_score: 95 } },
  { id: 'gb', amount: 20, currency: 'GBP', payment_method: 'card', card: { issuer_country: 'gb' } },
];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'scheme-cli-'));
  writeFileSync(file('scheme.json'), JSON.stringify(EXAMPLE_SCHEME));
  writeFileSync(file('processors.json'), JSON.stringify(EXAMPLE_PROCESSORS));
  writeFileSync(file('broken.json'), JSON.stringify({ ...EXAMPLE_SCHEME, start: 'nowhere' }));
  writeFileSync(file('not-json.json'), '{"format": ');
  writeFileSync(file('bad-processors.json'), JSON.stringify([{ id: 'stripe', status: 'active' }, { id: 'proc_x' }]));
  writeFileSync(file('refs.json'), JSON.stringify({
    format: 'switchyard.scheme/v1', name: 'refs', start: 'big',
    nodes: {
      big: { type: 'condition', rules: [{ filter: 'flt_big' }], then: 'main', else: 'refuse' },
      main: { type: 'strategy', strategy: 'priority', processors: [{ route: 'proute_main' }], cascade: { max_attempts: 2, on: ['soft_decline'] } },
      refuse: { type: 'strategy', strategy: 'blank' },
    },
  }));
  writeFileSync(file('registry.json'), JSON.stringify({
    routes: [{ id: 'proute_main', name: 'Main', processors: ['proc_checkout', 'proc_stripe'] }],
    filters: [{ id: 'flt_big', name: 'Big', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }] }],
  }));
  writeFileSync(file('bad-registry.json'), JSON.stringify({ routes: [{ id: 'main', name: 'Main', processors: [] }] }));
  writeFileSync(file('tx.jsonl'), [JSON.stringify(TRANSACTIONS[0]), '{oops', JSON.stringify(TRANSACTIONS[1]), '', JSON.stringify(TRANSACTIONS[2])].join('\n'));
  writeFileSync(file('good.jsonl'), TRANSACTIONS.map((t) => JSON.stringify(t)).join('\n'));
  writeFileSync(
    file('tx.csv'),
    'id,amount,currency,payment_method,card.issuer_country,customer.risk_score\r\n' +
      'eu_big,250,EUR,card,DE,\r\nrisky,10,EUR,card,,95\r\ngb,20,GBP,card,GB,\r\nsetup,0,USD,card,US,\r\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scheme CLI', () => {
  it('validate: ok with warnings, exit 0', async () => {
    const run = await cli('validate', 'scheme.json', '--processors', 'processors.json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.ok).toBe(true);
    expect(out.warnings.map((w: { code: string }) => w.code)).toContain('processor_not_active');
  });

  it('validate: errors with paths, exit 1; unreadable and non-JSON files are errors too', async () => {
    const broken = await cli('validate', 'broken.json');
    expect(broken.code).toBe(1);
    const out = JSON.parse(broken.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors.some((e: { path: unknown[] }) => e.path[0] === 'start')).toBe(true);

    for (const [name, run] of await Promise.all(['missing.json', 'not-json.json'].map(async (n) => [n, await cli('validate', n)] as const))) {
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).errors[0]).toMatchObject({ code: 'file', file: name });
      expect(run.stderr).toContain(name);
    }
  });

  it('validate: a bad processors file lists each problem with its path', async () => {
    const run = await cli('validate', 'scheme.json', '--processors', 'bad-processors.json');
    expect(run.code).toBe(1);
    const paths = JSON.parse(run.stdout).errors.map((e: { path: unknown[] }) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['0.id', '1.status']));
  });

  it('decide: one line per input line, in order, bad lines in place, exit 1', async () => {
    const run = await cli('decide', 'scheme.json', 'tx.jsonl', '--processors', 'processors.json');
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ outcome: 'route', processor: 'proc_adyen_eu', node: 'eu_priority' });
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(lines[1].error).toMatch(/invalid JSON/);
    expect(lines[2]).toMatchObject({ outcome: 'blocked', node: 'blocked_risk' });
    expect(lines[3]).toMatchObject({ outcome: 'route', node: 'gb_split' });
  });

  it('decide --trace adds the per-rule trace; clean input exits 0', async () => {
    const run = await cli('decide', 'scheme.json', 'good.jsonl', '--processors', 'processors.json', '--trace');
    expect(run.code).toBe(0);
    const first = JSON.parse(run.stdout.split('\n')[0] as string);
    expect(first.trace.conditions.length).toBeGreaterThan(0);
  });

  it('simulate: aggregates a CSV file, reproducibly for a seed', async () => {
    const a = await cli('simulate', 'scheme.json', 'tx.csv', '--processors', 'processors.json', '--seed', '42');
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report).toMatchObject({ seed: 42, total: 4, cancelled: false, outcomes: { route: 3, blocked: 1 } });
    expect(report.node_hits).toMatchObject({ risk_check: 4, blocked_risk: 1, setup_direct: 0, eu_priority: 1, gb_split: 1 });
    expect(report.unreached_nodes).toContain('setup_direct');
    expect(report.input).toMatchObject({ format: 'csv', errors: 0 });
    const b = await cli('simulate', 'scheme.json', 'tx.csv', '--processors', 'processors.json', '--seed', '42');
    expect(b.stdout).toBe(a.stdout);
  });

  it('simulate: bad input lines are counted and listed, exit 1', async () => {
    const run = await cli('simulate', 'scheme.json', 'tx.jsonl', '--processors', 'processors.json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.total).toBe(3);
    expect(report.input).toMatchObject({ format: 'jsonl', errors: 1, first_errors: [{ line: 2 }] });
  });

  it('--registry resolves processor routes and filters the scheme references', async () => {
    const run = await cli('decide', 'refs.json', 'good.jsonl', '--processors', 'processors.json', '--registry', 'registry.json');
    expect(run.code).toBe(0);
    const [big, small] = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(big).toMatchObject({ outcome: 'route', processor: 'proc_checkout', candidates: ['proc_checkout', 'proc_stripe'] });
    expect(small).toMatchObject({ outcome: 'blocked', node: 'refuse' });
    const bad = await cli('validate', 'refs.json', '--registry', 'bad-registry.json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).errors[0]).toMatchObject({ code: 'invalid_registry', path: ['routes', 0, 'id'], file: 'bad-registry.json' });
  });

  it('simulate --synthetic: generated traffic, reproducible, with the wall time', async () => {
    const run = await cli('simulate', 'scheme.json', '--synthetic', '500', '--processors', 'processors.json', '--seed', '3');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ seed: 3, total: 500, input: { synthetic: 500 } });
    expect(report.input.elapsed_ms).toBeGreaterThanOrEqual(0);
    const again = JSON.parse((await cli('simulate', 'scheme.json', '--synthetic', '500', '--processors', 'processors.json', '--seed', '3')).stdout);
    expect({ ...again, input: null }).toEqual({ ...report, input: null });
  });

  it('usage errors go to stderr with exit 2', async () => {
    const cases = [
      ['frobnicate'],
      ['decide', 'scheme.json', 'tx.jsonl'],
      ['simulate', 'scheme.json', 'tx.csv', '--processors', 'processors.json', '--seed', 'abc'],
      ['validate'],
      ['validate', 'scheme.json', '--bogus'],
      ['simulate', 'scheme.json', '--synthetic', 'many', '--processors', 'processors.json'],
      ['simulate', 'scheme.json', 'tx.txt', '--processors', 'processors.json'],
    ];
    const runs = await Promise.all(cases.map((args) => cli(...args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]?.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Usage:');
    });
  });

  it('generate: synthetic transactions as JSON lines', async () => {
    const run = await cli('generate', '3', '--seed', '9');
    expect(run.code).toBe(0);
    const ids = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id);
    expect(ids).toEqual(['tx_syn_9_0', 'tx_syn_9_1', 'tx_syn_9_2']);
  });
});

/**
 * created_at read strictly, in the account's zone only, with no memory between payments: each case
 * through decide (the generated walk), decide --trace (the dry-run's path) and simulate.
 */
describe('scheme CLI: created_at', () => {
  const yesNo = (rule: Record<string, unknown>) => JSON.stringify({
    format: 'switchyard.scheme/v1', name: 'time', start: 'c',
    nodes: {
      c: { type: 'condition', rules: [rule], then: 'yes', else: 'no' },
      yes: { type: 'strategy', strategy: 'blank' },
      no: { type: 'strategy', strategy: 'blank' },
    },
  });
  const lines = (...txs: object[]) => txs.map((t) => JSON.stringify(t)).join('\n');

  /** decide, decide --trace and simulate on one input: the nodes reached, the first rule's traces, the node hits. */
  async function runAll(scheme: string, input: string, zone: string, env: Record<string, string> = {}) {
    const files = ['scheme', 'input'].map((kind) => `${kind}-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file(`${files[0]}.json`), scheme);
    writeFileSync(file(`${files[1]}.jsonl`), input);
    const common = [`${files[0]}.json`, `${files[1]}.jsonl`, '--processors', 'processors.json', '--time-zone', zone];
    const [plain, traced, simulated] = await Promise.all([
      cliWith(env, 'decide', ...common), cliWith(env, 'decide', ...common, '--trace'), cliWith(env, 'simulate', ...common),
    ]);
    for (const run of [plain, traced, simulated]) expect(run.code, run.stderr).toBe(0);
    const parse = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l));
    return {
      nodes: parse(plain.stdout).map((d) => d.node),
      tracedNodes: parse(traced.stdout).map((d) => d.node),
      rules: parse(traced.stdout).map((d) => d.trace.conditions[0].rules[0]),
      hits: JSON.parse(simulated.stdout).node_hits as Record<string, number>,
    };
  }

  it('refuses an impossible date (2025-02-29): weekday is missing (invalid)', async () => {
    const out = await runAll(yesNo({ attribute: 'weekday', operator: 'exists' }), lines({ id: 't1', created_at: '2025-02-29T12:00:00Z' }), 'Asia/Kathmandu');
    expect(out).toMatchObject({ nodes: ['no'], tracedNodes: ['no'], hits: { yes: 0, no: 1 } });
    expect(out.rules[0]).toMatchObject({ attribute: 'weekday', missing: 'invalid', result: false });
  });

  it('does not guess at a non-ISO string (2026-1-1 23:30)', async () => {
    const out = await runAll(yesNo({ attribute: 'weekday', operator: 'in', value: ['fri', 'tue'] }), lines({ id: 't2', created_at: '2026-1-1 23:30' }), 'Asia/Kolkata');
    expect(out).toMatchObject({ nodes: ['no'], tracedNodes: ['no'], hits: { yes: 0, no: 1 } });
    expect(out.rules[0]).toMatchObject({ missing: 'invalid' });
  });

  it('decides a payment the same after another one as alone (Berlin 1893, UTC+0:53:28)', async () => {
    const rule = yesNo({ attribute: 'time_of_day', operator: 'lte', value: 12 });
    const before = { id: 'before_1', created_at: '1893-03-31T23:07:02Z' };
    const t3 = { id: 't3', created_at: '1893-03-31T23:00:00Z' };
    const [after, alone] = await Promise.all([runAll(rule, lines(before, t3), 'Europe/Berlin'), runAll(rule, lines(t3), 'Europe/Berlin')]);
    expect(after).toMatchObject({ nodes: ['yes', 'no'], tracedNodes: ['yes', 'no'], hits: { yes: 1, no: 1 } });
    expect(after.rules.map((r) => r.actual)).toEqual([0, 23]);
    expect(alone).toMatchObject({ nodes: ['no'], tracedNodes: ['no'], hits: { yes: 0, no: 1 } });
  });

  it('never reads the host time zone: a date-time without an offset is missing under any TZ', async () => {
    const rule = yesNo({ attribute: 'time_of_day', operator: 'eq', value: 10 });
    const input = lines({ id: 't4', created_at: '2026-01-01T23:30:00' }, { id: 't5', created_at: '2026-01-01T23:30:00Z' });
    const [utc, chatham] = await Promise.all([runAll(rule, input, 'Australia/Lord_Howe', { TZ: 'UTC' }), runAll(rule, input, 'Australia/Lord_Howe', { TZ: 'Pacific/Chatham' })]);
    expect(utc).toMatchObject({ nodes: ['no', 'yes'], tracedNodes: ['no', 'yes'], hits: { yes: 1, no: 1 } });
    expect(utc.rules[0]).toMatchObject({ missing: 'invalid' });
    expect(utc.rules[1]).toMatchObject({ actual: 10 });
    expect(chatham).toEqual(utc);
  });
});
