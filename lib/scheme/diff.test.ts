import { describe, expect, it } from 'vitest';
import { diffDocuments, inOrderOf, lineDiff, nodeStatuses } from './diff';
import { EXAMPLE_SCHEME } from './examples';
import type { SchemeDocument } from './schema';

describe('diffDocuments', () => {
  it('lists added, removed and changed nodes, top-level fields and layout moves apart', () => {
    const before = EXAMPLE_SCHEME;
    const nodes = { ...before.nodes } as SchemeDocument['nodes'];
    const [firstId] = Object.keys(nodes) as [string];
    const removedId = Object.keys(nodes).find((id) => id !== before.start && nodes[id]!.type === 'strategy')!;
    delete nodes[removedId];
    nodes.brand_new = { type: 'strategy', strategy: 'blank' };
    nodes[firstId] = { ...nodes[firstId]!, label: 'renamed' } as SchemeDocument['nodes'][string];
    const after: SchemeDocument = { ...before, name: 'Other', nodes, layout: { ...before.layout, [firstId]: { x: 999, y: 999 } } };
    const diff = diffDocuments(before, after);
    expect(diff.added).toEqual(['brand_new']);
    expect(diff.removed).toEqual([removedId]);
    expect(diff.changed).toEqual([{ id: firstId, fields: ['label'] }]);
    expect(diff.fields).toEqual(['name']);
    expect(diff.moved).toEqual([firstId]);
    expect(diff.decisionsEqual).toBe(false);
    // The graph marks every node of the newer document; the moved-and-relabelled node is changed, the removed one absent.
    const statuses = nodeStatuses(diff, after);
    expect(Object.keys(statuses).sort()).toEqual(Object.keys(after.nodes).sort());
    expect(statuses.brand_new).toBe('added');
    expect(statuses[firstId]).toBe('changed');
    expect(removedId in statuses).toBe(false);
    expect(Object.entries(statuses).filter(([, s]) => s === 'unchanged').map(([id]) => id).sort()).toEqual(
      Object.keys(after.nodes).filter((id) => id !== 'brand_new' && id !== firstId).sort(),
    );
  });

  it('marks a node that only moved as unchanged', () => {
    const [id] = Object.keys(EXAMPLE_SCHEME.nodes) as [string];
    const after = { ...EXAMPLE_SCHEME, layout: { ...EXAMPLE_SCHEME.layout, [id]: { x: -5, y: -5 } } };
    const diff = diffDocuments(EXAMPLE_SCHEME, after);
    expect(diff.moved).toEqual([id]);
    expect(nodeStatuses(diff, after)[id]).toBe('unchanged');
  });

  it('says decisions are equal when only layout and name differ', () => {
    const after = { ...EXAMPLE_SCHEME, name: 'x', layout: {} };
    expect(diffDocuments(EXAMPLE_SCHEME, after).decisionsEqual).toBe(true);
    expect(diffDocuments(EXAMPLE_SCHEME, EXAMPLE_SCHEME).lines.every((l) => l.kind === 'same')).toBe(true);
  });
});

describe('inOrderOf', () => {
  it('reorders keys like the reference, so key order alone shows no line change', () => {
    const before = { format: 'f', name: 'n', nodes: { a: { type: 'x', then: 'b' } } };
    const after = { nodes: { a: { then: 'b', type: 'x' } }, name: 'n', format: 'f', extra: 1 };
    expect(JSON.stringify(inOrderOf(after, before))).toBe('{"format":"f","name":"n","nodes":{"a":{"type":"x","then":"b"}},"extra":1}');
    const sameButReordered = { ...EXAMPLE_SCHEME, nodes: Object.fromEntries(Object.entries(EXAMPLE_SCHEME.nodes).reverse()) };
    expect(diffDocuments(EXAMPLE_SCHEME, sameButReordered).lines.every((l) => l.kind === 'same')).toBe(true);
  });
});

describe('lineDiff', () => {
  it('is a shortest edit: both sides rebuild from it, with line numbers', () => {
    const a = ['a', 'b', 'c', 'd', 'e'];
    const b = ['a', 'x', 'c', 'd', 'y', 'e'];
    const lines = lineDiff(a, b);
    expect(lines.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(a);
    expect(lines.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(b);
    expect(lines.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'b', old: 2 },
      { kind: 'added', text: 'x', new: 2 },
      { kind: 'added', text: 'y', new: 5 },
    ]);
  });

  it('stays a small diff on a large document (no fallback to everything removed and added)', () => {
    const a = Array.from({ length: 80_000 }, (_, i) => `  "line ${i}": ${i},`);
    const b = a.slice();
    b[10] = '  "edited": true,';
    b.splice(40_000, 1);
    b.push('  "added": 1');
    const lines = lineDiff(a, b);
    expect(lines.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(a);
    expect(lines.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(b);
    expect(lines.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: a[10], old: 11 },
      { kind: 'added', text: '  "edited": true,', new: 11 },
      { kind: 'removed', text: a[40_000], old: 40_001 },
      { kind: 'added', text: '  "added": 1', new: 80_000 },
    ]);
  });
});
