import { describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, type SchemeDocument } from '../scheme/schema';
import type { AccountContext } from '../account/context';
import { dryRun, MAX_DRY_RUN_BYTES } from './dry-run';

const account: AccountContext = {
  processors: [
    { id: 'proc_a', status: 'active', currencies: [], payment_methods: [], countries: [] },
    { id: 'proc_b', status: 'down', currencies: [], payment_methods: [], countries: [] },
  ] as unknown as AccountContext['processors'],
  routes: [],
  filters: [],
  customAttributes: [],
  timeZone: 'UTC',
};

const doc: SchemeDocument = {
  format: SCHEME_FORMAT,
  name: 'test',
  start: 'big',
  nodes: {
    big: { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }], then: 'fast', else: 'stop' },
    fast: { type: 'strategy', strategy: 'priority', processors: ['proc_b', 'proc_a'] },
    stop: { type: 'strategy', strategy: 'blank', reason: 'small' },
  },
};

describe('dryRun', () => {
  it('decides with a trace and lists skipped processors', () => {
    const result = dryRun(doc, account, JSON.stringify({ id: 'tx1', amount: 500, currency: 'EUR' }));
    expect(result.kind).toBe('decision');
    if (result.kind !== 'decision') return;
    expect(result.decision.processor).toBe('proc_a');
    expect(result.decision.path).toEqual([{ node: 'big', result: true }]);
    expect(result.decision.trace?.skipped).toEqual([{ processor: 'proc_b', reason: 'not_active' }]);
  });

  it('warns about the transaction, and reads a wrongly typed amount as missing', () => {
    const result = dryRun(doc, account, JSON.stringify({ id: 'tx2', amount: '500', ammount: 1 }));
    expect(result.kind === 'decision' && result.decision.outcome).toBe('blocked');
    expect(result.kind === 'decision' && result.warnings.map((w) => w.code).sort()).toEqual(['unknown_field', 'wrong_type']);
  });

  it('refuses broken and oversized input with a message instead of throwing', () => {
    expect(dryRun(doc, account, '{"id":')).toMatchObject({ kind: 'bad_input', message: expect.stringContaining('Not valid JSON') });
    expect(dryRun(doc, account, '[1]')).toMatchObject({ kind: 'bad_input' });
    const big = JSON.stringify({ id: 'x', note: 'a'.repeat(MAX_DRY_RUN_BYTES) });
    expect(dryRun(doc, account, big)).toMatchObject({ kind: 'bad_input', message: expect.stringContaining('64 KB') });
  });

  it('says the draft does not compile', () => {
    const broken = { ...doc, nodes: { ...doc.nodes, big: { ...doc.nodes.big!, then: 'nowhere' } } } as SchemeDocument;
    expect(dryRun(broken, account, '{"id":"t"}').kind).toBe('not_compiled');
  });
});
