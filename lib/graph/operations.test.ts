import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, SchemeDocumentSchema, type SchemeDocument } from '../scheme/schema';
import { addNode, connect, disconnect, moveNodes, removeNodes, renameNode, setStart, updateNode } from './operations';
import { deepFreeze, documentArb, strategyArb } from './testing/arbitraries';
import type { BranchHandle, EditResult } from './types';

const base: SchemeDocument = deepFreeze({
  format: SCHEME_FORMAT,
  name: 'ops',
  start: 'a',
  nodes: {
    a: { type: 'condition', rules: [], then: 'b', else: 'c' },
    b: { type: 'condition', label: 'B', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }], then: 'c', else: 'ghost' },
    c: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
    d: { type: 'strategy', strategy: 'blank' },
  },
  layout: { a: { x: 0, y: 0 }, c: { x: 5, y: 6 }, orphan: { x: 1, y: 1 } },
});

function ok(result: EditResult): SchemeDocument {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.doc;
}

function hasCycle(doc: SchemeDocument): boolean {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'open') return true;
    state.set(id, 'open');
    const node = Object.hasOwn(doc.nodes, id) ? doc.nodes[id] : undefined;
    const next = node?.type === 'condition' ? [node.then, node.else] : [];
    const cyclic = next.some((t) => t !== undefined && Object.hasOwn(doc.nodes, t) && visit(t));
    state.set(id, 'done');
    return cyclic;
  };
  return Object.keys(doc.nodes).some(visit);
}

describe('addNode', () => {
  it('adds a node under a fresh id that no node, layout entry or branch uses yet', () => {
    const first = addNode(base, { type: 'condition', rules: [] });
    expect(first).toMatchObject({ ok: true, id: 'cond_1' });
    const withUsed = { ...base, layout: { ...base.layout, cond_1: { x: 0, y: 0 } }, nodes: { ...base.nodes, x: { type: 'condition' as const, rules: [], then: 'cond_2' } } };
    expect(addNode(withUsed, { type: 'condition', rules: [] })).toMatchObject({ ok: true, id: 'cond_3' });
    expect(addNode(base, { type: 'strategy', strategy: 'blank' })).toMatchObject({ ok: true, id: 'strat_1' });
  });

  it('keeps the rest of the document, adds the position when given and never branches', () => {
    const doc = ok(addNode(base, { type: 'condition', rules: [], then: 'a', else: 'c' }, { x: 7, y: 8 }, 'new'));
    expect(doc.nodes.new).toEqual({ type: 'condition', rules: [] });
    expect(doc.layout!.new).toEqual({ x: 7, y: 8 });
    expect(Object.keys(doc.nodes)).toEqual(['a', 'b', 'c', 'd', 'new']);
    expect({ ...doc, nodes: { ...doc.nodes, new: undefined }, layout: { ...doc.layout, new: undefined } }).toEqual(base);
    const unplaced = ok(addNode(base, { type: 'strategy', strategy: 'blank' }));
    expect(unplaced.layout).toBe(base.layout);
  });

  it('makes the first node of an empty scheme its start', () => {
    const empty: SchemeDocument = deepFreeze({ format: SCHEME_FORMAT, name: 'e', start: 'start', nodes: {} });
    expect(ok(addNode(empty, { type: 'strategy', strategy: 'blank' })).start).toBe('strat_1');
    expect(ok(addNode(base, { type: 'strategy', strategy: 'blank' })).start).toBe('a');
  });

  it('refuses an invalid node, a bad or taken id and a non-finite position', () => {
    expect(addNode(base, { type: 'strategy', strategy: 'weight', processors: [{ processor: 'p', weight: '5' as never }] })).toMatchObject({
      ok: false,
      code: 'invalid_node',
      reason: expect.stringContaining('processors.0.weight'),
    });
    expect(addNode(base, { type: 'condition', rules: [] }, undefined, 'b')).toMatchObject({ ok: false, code: 'duplicate_id' });
    expect(addNode(base, { type: 'condition', rules: [] }, undefined, ':bad')).toMatchObject({ ok: false, code: 'invalid_id' });
    expect(addNode(base, { type: 'condition', rules: [] }, { x: NaN, y: 0 })).toMatchObject({ ok: false, code: 'invalid_position' });
    expect(addNode(base, null as never)).toMatchObject({ ok: false, code: 'invalid_node' });
  });

  it('accepts every kind of strategy', () => {
    fc.assert(
      fc.property(strategyArb, (node) => {
        expect(ok(addNode(base, node)).nodes.strat_1).toEqual(node);
      }),
    );
  });
});

describe('removeNodes', () => {
  it('removes the nodes, their positions and every branch pointing at them', () => {
    const doc = ok(removeNodes(base, ['c']));
    expect(doc.nodes).toEqual({
      a: { type: 'condition', rules: [], then: 'b' },
      b: { type: 'condition', label: 'B', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }], else: 'ghost' },
      d: { type: 'strategy', strategy: 'blank' },
    });
    expect(doc.layout).toEqual({ a: { x: 0, y: 0 }, orphan: { x: 1, y: 1 } });
    expect(doc.start).toBe('a');
  });

  it('moves the start to the first remaining node nothing branches to', () => {
    expect(ok(removeNodes(base, ['a'])).start).toBe('b');
    expect(ok(removeNodes(base, ['a', 'b'])).start).toBe('c');
    const cyclic: SchemeDocument = deepFreeze({
      ...base,
      nodes: { a: base.nodes.a!, x: { type: 'condition', rules: [], then: 'y' }, y: { type: 'condition', rules: [], then: 'x' } },
    });
    expect(ok(removeNodes(cyclic, ['a'])).start).toBe('x');
  });

  it('leaves the start as it is when no node remains', () => {
    const doc = ok(removeNodes(base, ['a', 'b', 'c', 'd']));
    expect(doc.nodes).toEqual({});
    expect(doc.start).toBe('a');
  });

  it('refuses an id that is not a node, even a layout key', () => {
    expect(removeNodes(base, ['c', 'orphan'])).toMatchObject({ ok: false, code: 'unknown_node', reason: expect.stringContaining('orphan') });
  });
});

describe('connect', () => {
  it('sets or replaces a branch', () => {
    expect(ok(connect(base, 'b', 'no', 'd')).nodes.b).toMatchObject({ then: 'c', else: 'd' });
    expect(ok(connect(base, 'a', 'yes', 'd')).nodes.a).toEqual({ type: 'condition', rules: [], then: 'd', else: 'c' });
  });

  it('refuses a connection that closes a loop, naming the loop', () => {
    expect(connect(base, 'b', 'no', 'a')).toEqual({
      ok: false,
      code: 'cycle',
      reason: 'Connecting "b" no → "a" would make a loop: b → a → b.',
    });
    expect(connect(base, 'a', 'yes', 'a')).toMatchObject({ ok: false, code: 'cycle' });
  });

  it('refuses a strategy source and unknown nodes', () => {
    expect(connect(base, 'c', 'yes', 'd')).toMatchObject({ ok: false, code: 'not_a_condition' });
    expect(connect(base, 'nope', 'yes', 'd')).toMatchObject({ ok: false, code: 'unknown_node' });
    expect(connect(base, 'a', 'yes', 'ghost')).toMatchObject({ ok: false, code: 'unknown_node' });
  });

  it('never lets a DAG get a cycle, whatever is connected', () => {
    fc.assert(
      fc.property(documentArb({ minNodes: 2 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom<BranchHandle>('yes', 'no'), fc.nat()), { maxLength: 12 }), (start, moves) => {
        let doc = start;
        for (const [s, handle, t] of moves) {
          const ids = Object.keys(doc.nodes);
          const result = connect(doc, ids[s % ids.length]!, handle, ids[t % ids.length]!);
          if (result.ok) doc = result.doc;
          else expect(['cycle', 'not_a_condition']).toContain(result.code);
        }
        expect(hasCycle(doc)).toBe(false);
      }),
    );
  });
});

describe('disconnect', () => {
  it('clears one branch and leaves the other', () => {
    expect(ok(disconnect(base, 'a', 'yes')).nodes.a).toEqual({ type: 'condition', rules: [], else: 'c' });
    expect(ok(disconnect(base, 'a', 'no')).nodes.a).toEqual({ type: 'condition', rules: [], then: 'b' });
  });

  it('is a no-op on an empty branch and refuses strategies and unknown nodes', () => {
    const once = ok(disconnect(base, 'a', 'yes'));
    expect(ok(disconnect(once, 'a', 'yes'))).toBe(once);
    expect(disconnect(base, 'c', 'no')).toMatchObject({ ok: false, code: 'not_a_condition' });
    expect(disconnect(base, 'zz', 'no')).toMatchObject({ ok: false, code: 'unknown_node' });
  });
});

describe('updateNode', () => {
  it('replaces what a condition holds and keeps its branches', () => {
    const doc = ok(updateNode(base, 'b', { type: 'condition', match: 'any', rules: [{ filter: 'flt_eu' }], then: 'd' } as never));
    expect(doc.nodes.b).toEqual({ type: 'condition', match: 'any', rules: [{ filter: 'flt_eu' }], then: 'c', else: 'ghost' });
  });

  it('turns a condition into a strategy (dropping its branches) and back', () => {
    const strategy = ok(updateNode(base, 'a', { type: 'strategy', strategy: 'random', processors: ['proc_a', 'proc_b'] }));
    expect(strategy.nodes.a).toEqual({ type: 'strategy', strategy: 'random', processors: ['proc_a', 'proc_b'] });
    expect(ok(updateNode(strategy, 'a', { type: 'condition', rules: [] })).nodes.a).toEqual({ type: 'condition', rules: [] });
  });

  it('refuses an invalid node and an unknown id', () => {
    expect(updateNode(base, 'c', { type: 'strategy', strategy: 'direct', processors: 'proc_a' } as never)).toMatchObject({ ok: false, code: 'invalid_node' });
    expect(updateNode(base, 'orphan', { type: 'strategy', strategy: 'blank' })).toMatchObject({ ok: false, code: 'unknown_node' });
  });
});

describe('renameNode', () => {
  it('rewrites the start, every branch and the layout entry, keeping the node in place', () => {
    const doc = ok(renameNode(base, 'c', 'eu_direct'));
    expect(Object.keys(doc.nodes)).toEqual(['a', 'b', 'eu_direct', 'd']);
    expect(doc.nodes.a).toMatchObject({ else: 'eu_direct' });
    expect(doc.nodes.b).toMatchObject({ then: 'eu_direct' });
    expect(doc.layout).toEqual({ a: { x: 0, y: 0 }, eu_direct: { x: 5, y: 6 }, orphan: { x: 1, y: 1 } });
    expect(ok(renameNode(base, 'a', 'root')).start).toBe('root');
  });

  it('resolves a dangling branch that names the new id and replaces an orphan position', () => {
    const doc = ok(renameNode(base, 'd', 'ghost'));
    expect(doc.nodes.b).toMatchObject({ else: 'ghost' });
    expect(ok(renameNode(base, 'd', 'orphan')).layout).toEqual({ a: { x: 0, y: 0 }, c: { x: 5, y: 6 } });
  });

  it('refuses unknown, taken and invalid ids; renaming to itself changes nothing', () => {
    expect(renameNode(base, 'zz', 'y')).toMatchObject({ ok: false, code: 'unknown_node' });
    expect(renameNode(base, 'a', 'b')).toMatchObject({ ok: false, code: 'duplicate_id' });
    expect(renameNode(base, 'a', 'has space')).toMatchObject({ ok: false, code: 'invalid_id' });
    expect(ok(renameNode(base, 'a', 'a'))).toBe(base);
  });
});

describe('setStart and moveNodes', () => {
  it('sets the start to an existing node only', () => {
    expect(ok(setStart(base, 'b')).start).toBe('b');
    expect(setStart(base, 'ghost')).toMatchObject({ ok: false, code: 'unknown_node' });
  });

  it('sets positions, creating the layout when there was none', () => {
    expect(ok(moveNodes(base, { b: { x: 3, y: 4 }, a: { x: -1, y: 2 } })).layout).toEqual({
      a: { x: -1, y: 2 }, c: { x: 5, y: 6 }, orphan: { x: 1, y: 1 }, b: { x: 3, y: 4 },
    });
    const { layout: _layout, ...bare } = base;
    expect(ok(moveNodes(bare, { d: { x: 1, y: 2 } })).layout).toEqual({ d: { x: 1, y: 2 } });
  });

  it('refuses unknown nodes and non-finite positions', () => {
    expect(moveNodes(base, { orphan: { x: 0, y: 0 } })).toMatchObject({ ok: false, code: 'unknown_node' });
    expect(moveNodes(base, { a: { x: 0, y: Infinity } })).toMatchObject({ ok: false, code: 'invalid_position' });
  });
});

describe('every operation', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), node: strategyArb, placed: fc.boolean() }),
    fc.record({ kind: fc.constant('addCondition' as const) }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('connect' as const), at: fc.nat(), handle: fc.constantFrom<BranchHandle>('yes', 'no'), to: fc.nat() }),
    fc.record({ kind: fc.constant('disconnect' as const), at: fc.nat(), handle: fc.constantFrom<BranchHandle>('yes', 'no') }),
    fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), to: fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/) }),
    fc.record({ kind: fc.constant('start' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('move' as const), at: fc.nat(), x: fc.integer(), y: fc.integer() }),
  );

  it('leaves its input untouched, keeps the document schema-valid, acyclic and round-trippable', () => {
    fc.assert(
      fc.property(documentArb(), fc.array(op, { maxLength: 15 }), (start, ops) => {
        let doc = deepFreeze(start);
        for (const o of ops) {
          const ids = Object.keys(doc.nodes);
          const pick = (n: number) => ids[n % Math.max(ids.length, 1)] ?? 'none';
          const result: EditResult =
            o.kind === 'add' ? addNode(doc, o.node, o.placed ? { x: 1, y: 2 } : undefined)
            : o.kind === 'addCondition' ? addNode(doc, { type: 'condition', rules: [] })
            : o.kind === 'remove' ? removeNodes(doc, ids.length > 0 ? [pick(o.at)] : [])
            : o.kind === 'connect' ? connect(doc, pick(o.at), o.handle, pick(o.to))
            : o.kind === 'disconnect' ? disconnect(doc, pick(o.at), o.handle)
            : o.kind === 'rename' ? renameNode(doc, pick(o.at), o.to)
            : o.kind === 'start' ? setStart(doc, pick(o.at))
            : moveNodes(doc, ids.length > 0 ? { [pick(o.at)]: { x: o.x, y: o.y } } : {});
          if (!result.ok) continue;
          doc = deepFreeze(result.doc);
          expect(SchemeDocumentSchema.safeParse(doc).success).toBe(true);
          expect(hasCycle(doc)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
