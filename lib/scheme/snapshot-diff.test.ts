import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './snapshot-diff';

const filter = (rules: unknown[], match: 'all' | 'any' = 'all') => ({ id: 'flt_risk', name: 'Risky', match, rules }) as never;
const route = (processors: string[]) => ({ id: 'rt_eu', name: 'EU cards', processors });

describe('diffSnapshots', () => {
  it('says how a filter changed: its match and each rule added or removed', () => {
    const before = { filters: [filter([{ attribute: 'amount', operator: 'gt', value: 100 }])], routes: [] };
    const after = { filters: [filter([{ attribute: 'amount', operator: 'gt', value: 500 }], 'any')], routes: [] };
    expect(diffSnapshots(before, after, (r) => ('attribute' in r ? `${r.attribute} ${r.operator} ${String(r.value)}` : 'filter'))).toEqual([
      { kind: 'filter', id: 'flt_risk', name: 'Risky', change: 'changed', details: ['matches all → any of its rules', 'rule added: amount gt 500', 'rule removed: amount gt 100'] },
    ]);
  });

  it('says how a route changed: processors added, removed and the new order', () => {
    const changes = diffSnapshots({ filters: [], routes: [route(['proc_a', 'proc_b'])] }, { filters: [], routes: [route(['proc_b', 'proc_c'])] });
    expect(changes).toEqual([
      { kind: 'route', id: 'rt_eu', name: 'EU cards', change: 'changed', details: ['processors added: proc_c', 'processors removed: proc_a', 'order proc_a → proc_b became proc_b → proc_c'] },
    ]);
  });

  it('lists what only one version has, and nothing when the copies are equal', () => {
    const same = { filters: [filter([])], routes: [route(['proc_a'])] };
    expect(diffSnapshots(same, same)).toEqual([]);
    expect(diffSnapshots({ filters: [], routes: [route(['proc_a'])] }, { filters: [filter([])], routes: [] }).map((c) => `${c.kind}:${c.change}`)).toEqual(['filter:added', 'route:removed']);
  });

  it('notices a reorder of the same rules', () => {
    const r1 = { attribute: 'amount', operator: 'gt', value: 1 };
    const r2 = { attribute: 'currency', operator: 'eq', value: 'EUR' };
    expect(diffSnapshots({ filters: [filter([r1, r2])], routes: [] }, { filters: [filter([r2, r1])], routes: [] })[0]!.details).toEqual(['rules reordered']);
  });
});
