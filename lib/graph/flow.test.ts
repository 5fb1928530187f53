import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, SchemeDocumentSchema, type SchemeDocument } from '../scheme/schema';
import { fromFlow, toFlow } from './flow';
import { deepFreeze, documentArb } from './testing/arbitraries';
import type { FlowNode } from './types';

const example: SchemeDocument = {
  format: SCHEME_FORMAT,
  name: 'EU cards first',
  start: 'is_eu',
  nodes: {
    is_eu: {
      type: 'condition',
      label: 'EU issuer',
      rules: [{ attribute: 'card.issuer_country', operator: 'in', value: ['DE', 'FR'] }],
      then: 'eu_priority',
      else: 'is_gb',
    },
    is_gb: { type: 'condition', rules: [], then: 'eu_priority' },
    eu_priority: { type: 'strategy', strategy: 'priority', processors: ['proc_adyen', { route: 'proute_x' }] },
  },
  layout: { is_eu: { x: 10, y: 20 } },
};

describe('toFlow', () => {
  it('makes one node per scheme node and one edge per branch, with stable ids and handles', () => {
    const flow = toFlow(example);
    expect(flow.nodes.map((n) => [n.id, n.type, n.data.isStart])).toEqual([
      ['is_eu', 'condition', true],
      ['is_gb', 'condition', false],
      ['eu_priority', 'strategy', false],
    ]);
    expect(flow.edges).toEqual([
      { id: 'is_eu:yes', source: 'is_eu', target: 'eu_priority', sourceHandle: 'yes' },
      { id: 'is_eu:no', source: 'is_eu', target: 'is_gb', sourceHandle: 'no' },
      { id: 'is_gb:yes', source: 'is_gb', target: 'eu_priority', sourceHandle: 'yes' },
    ]);
  });

  it('keeps branches out of node data', () => {
    const condition = toFlow(example).nodes[0]!;
    expect(condition.data.node).toEqual({
      type: 'condition',
      label: 'EU issuer',
      rules: [{ attribute: 'card.issuer_country', operator: 'in', value: ['DE', 'FR'] }],
    });
  });

  it('takes positions from layout and gives the others a flagged placeholder below them', () => {
    const [isEu, isGb, strategy] = toFlow(example).nodes as [FlowNode, FlowNode, FlowNode];
    expect(isEu.position).toEqual({ x: 10, y: 20 });
    expect(isEu.data.unplaced).toBeUndefined();
    expect(isGb.data.unplaced).toEqual(isGb.position);
    expect(strategy.data.unplaced).toEqual(strategy.position);
    expect(isGb.position.y).toBeGreaterThan(20 + 100);
    expect(isGb.position).not.toEqual(strategy.position);
  });

  it('places every node deterministically when the document has no layout', () => {
    const { layout: _layout, ...withoutLayout } = example;
    expect(toFlow(withoutLayout)).toEqual(toFlow(withoutLayout));
    const positions = toFlow(withoutLayout).nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('does not mutate the document', () => {
    expect(() => toFlow(deepFreeze(structuredClone(example)))).not.toThrow();
  });
});

describe('fromFlow', () => {
  it('round-trips every valid DAG document exactly, layout included', () => {
    fc.assert(
      fc.property(documentArb(), (doc) => {
        expect(SchemeDocumentSchema.safeParse(doc).success).toBe(true);
        expect(fromFlow(toFlow(doc), doc)).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips drafts too: cycles, self-loops, dangling branches and start, orphan layout entries', () => {
    fc.assert(
      fc.property(documentArb({ loose: true }), (doc) => {
        expect(SchemeDocumentSchema.safeParse(doc).success).toBe(true);
        expect(fromFlow(toFlow(doc), deepFreeze(doc))).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a schema-valid document for any document', () => {
    fc.assert(
      fc.property(documentArb({ loose: true }), (doc) => {
        expect(SchemeDocumentSchema.safeParse(fromFlow(toFlow(doc), doc)).success).toBe(true);
      }),
    );
  });

  it('keeps a document without layout without one', () => {
    const { layout: _layout, ...withoutLayout } = example;
    const result = fromFlow(toFlow(withoutLayout), withoutLayout);
    expect(result).not.toHaveProperty('layout');
  });

  it('writes the layout entry of a moved node that had only a placeholder, and only that one', () => {
    const { layout: _layout, ...withoutLayout } = example;
    const flow = toFlow(withoutLayout);
    const moved = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'is_gb' ? { ...n, position: { x: 500, y: 600 } } : n)) };
    expect(fromFlow(moved, withoutLayout).layout).toEqual({ is_gb: { x: 500, y: 600 } });
  });

  it('takes branches from edges: a new edge sets a branch, a removed edge clears it, the later edge on a handle wins', () => {
    const flow = toFlow(example);
    const edges = [
      ...flow.edges.filter((e) => e.id !== 'is_eu:no'),
      { id: 'x', source: 'is_gb', target: 'is_eu', sourceHandle: 'yes' as const },
      { id: 'y', source: 'is_gb', target: 'eu_priority', sourceHandle: 'no' as const },
    ];
    const nodes = fromFlow({ nodes: flow.nodes, edges }, example).nodes;
    expect(nodes.is_eu).toMatchObject({ then: 'eu_priority' });
    expect(nodes.is_eu).not.toHaveProperty('else');
    expect(nodes.is_gb).toMatchObject({ then: 'is_eu', else: 'eu_priority' });
  });

  it('ignores edges leaving a strategy or an unknown handle', () => {
    const flow = toFlow(example);
    const edges = [
      ...flow.edges,
      { id: 'x', source: 'eu_priority', target: 'is_eu', sourceHandle: 'yes' as const },
      { id: 'y', source: 'is_gb', target: 'is_eu', sourceHandle: 'maybe' as never },
    ];
    expect(fromFlow({ nodes: flow.nodes, edges }, example)).toEqual(example);
  });

  it('takes the start from the first flagged node, else from the base', () => {
    const flow = toFlow(example);
    const flagged = flow.nodes.map((n) => ({ ...n, data: { ...n.data, isStart: n.id === 'is_gb' } }) as FlowNode);
    expect(fromFlow({ ...flow, nodes: flagged }, example).start).toBe('is_gb');
    const both = flow.nodes.map((n) => ({ ...n, data: { ...n.data, isStart: n.id !== 'is_eu' } }) as FlowNode);
    expect(fromFlow({ ...flow, nodes: both }, example).start).toBe('is_gb');
    const none = flow.nodes.map((n) => ({ ...n, data: { ...n.data, isStart: false } }) as FlowNode);
    expect(fromFlow({ ...flow, nodes: none }, example).start).toBe('is_eu');
  });

  it('keeps node ids that name Object.prototype members as plain own keys', () => {
    const doc: SchemeDocument = {
      format: SCHEME_FORMAT,
      name: 'proto',
      start: '__proto__',
      nodes: JSON.parse('{"__proto__":{"type":"condition","rules":[],"then":"constructor"},"constructor":{"type":"strategy","strategy":"blank"}}'),
    };
    const result = fromFlow(toFlow(doc), doc);
    expect(Object.getPrototypeOf(result.nodes)).toBe(Object.prototype);
    expect(Object.keys(result.nodes)).toEqual(['__proto__', 'constructor']);
    expect(result).toEqual(doc);
  });
});
