import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, type SchemeDocument, type SchemeNode } from '../scheme/schema';
import { elkGraphFor } from './elk-layout';
import { autoLayout, isFullyPlaced, type LayoutDirection } from './layout';
import { layoutOrder } from './order';
import { NODE_SIZE } from './sizes';
import { deepFreeze, documentArb } from './testing/arbitraries';
import type { XYPosition } from './types';

function overlapping(doc: SchemeDocument, positions: Record<string, XYPosition>): [string, string][] {
  const boxes = Object.entries(positions).map(([id, p]) => ({ id, ...p, ...NODE_SIZE[doc.nodes[id]!.type] }));
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

type Tree = { leaf: true } | { yes: Tree; no: Tree };
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant({ leaf: true as const }), fc.record({ yes: tie('tree'), no: tie('tree') })),
}));

/** A scheme whose conditions form a tree: every branch leads to its own subtree. */
function treeDocument(root: Tree): SchemeDocument {
  const nodes: [string, SchemeNode][] = [];
  let counter = 0;
  const build = (t: Tree): string => {
    const id = `n${counter++}`;
    if ('leaf' in t) {
      nodes.push([id, { type: 'strategy', strategy: 'blank' }]);
    } else {
      const slot = nodes.push([id, { type: 'condition', rules: [] }]) - 1;
      nodes[slot] = [id, { type: 'condition', rules: [], then: build(t.yes), else: build(t.no) }];
    }
    return id;
  };
  build(root);
  return { format: SCHEME_FORMAT, name: 'tree', start: 'n0', nodes: Object.fromEntries(nodes) };
}

const example: SchemeDocument = {
  format: SCHEME_FORMAT,
  name: 'x',
  start: 'a',
  nodes: {
    d: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
    a: { type: 'condition', rules: [], then: 'b', else: 'c' },
    b: { type: 'condition', rules: [], then: 'd', else: 'c' },
    c: { type: 'strategy', strategy: 'blank' },
  },
};

describe('autoLayout', () => {
  it('positions every node, never two on top of each other, the same way every time', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb({ loose: true, maxNodes: 12 }), fc.constantFrom<LayoutDirection>('down', 'right'), async (doc, direction) => {
        const positions = await autoLayout(deepFreeze(doc), { direction });
        expect(Object.keys(positions).sort()).toEqual(Object.keys(doc.nodes).sort());
        for (const p of Object.values(positions)) expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
        expect(overlapping(doc, positions)).toEqual([]);
        expect(await autoLayout(doc, { direction })).toEqual(positions);
      }),
      { numRuns: 60 },
    );
  });

  it('puts the start on top and each layer below the one it branches from', async () => {
    const positions = await autoLayout(example);
    expect(positions.a!.y).toBeLessThan(positions.b!.y);
    expect(positions.b!.y).toBeLessThan(positions.d!.y);
    expect(positions.b!.y).toBeLessThan(positions.c!.y);
    const right = await autoLayout(example, { direction: 'right' });
    expect(right.a!.x).toBeLessThan(right.b!.x);
    expect(right.b!.x).toBeLessThan(right.d!.x);
  });

  it('puts the yes subtree left of the no subtree (top-down), above it (left-right), on any tree', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (root) => {
        const doc = treeDocument(root);
        const down = await autoLayout(doc, { direction: 'down' });
        const right = await autoLayout(doc, { direction: 'right' });
        for (const node of Object.values(doc.nodes)) {
          if (node.type !== 'condition') continue;
          expect(down[node.then!]!.x).toBeLessThan(down[node.else!]!.x);
          expect(right[node.then!]!.y).toBeLessThan(right[node.else!]!.y);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('lays out an empty scheme as nothing and survives ids that name prototype members', async () => {
    expect(await autoLayout({ format: SCHEME_FORMAT, name: 'x', start: 'a', nodes: {} })).toEqual({});
    const doc: SchemeDocument = {
      format: SCHEME_FORMAT,
      name: 'x',
      start: 'constructor',
      nodes: JSON.parse('{"constructor":{"type":"condition","rules":[],"then":"__proto__","else":"toString"},"__proto__":{"type":"strategy","strategy":"blank"}}'),
    };
    const positions = await autoLayout(doc);
    expect(Object.keys(positions).sort()).toEqual(['__proto__', 'constructor']);
  });
});

describe('elkGraphFor', () => {
  it('gives conditions a yes port before the no port on the outgoing side, strategies only an input', () => {
    for (const direction of ['down', 'right'] as const) {
      const graph = elkGraphFor(example, { direction });
      const a = graph.children!.find((child) => child.id === 'n1')!;
      const [input, yes, no] = a.ports!;
      expect([input!.id, yes!.id, no!.id]).toEqual(['n1.in', 'n1.yes', 'n1.no']);
      if (direction === 'down') {
        expect(yes!.y).toBe(NODE_SIZE.condition.height);
        expect(yes!.x).toBeLessThan(no!.x!);
      } else {
        expect(yes!.x).toBe(NODE_SIZE.condition.width);
        expect(yes!.y).toBeLessThan(no!.y!);
      }
      expect(graph.children!.find((child) => child.id === 'n3')!.ports!.map((p) => p.id)).toEqual(['n3.in']);
    }
  });

  it('leaves out branches to ids that are not nodes', () => {
    const draft: SchemeDocument = { ...example, nodes: { ...example.nodes, a: { type: 'condition', rules: [], then: 'ghost', else: 'c' } } };
    expect(elkGraphFor(draft).edges!.map((e) => e.id).sort()).toEqual(['e1.no', 'e2.no', 'e2.yes']);
  });
});

describe('layoutOrder', () => {
  it('starts at the start, puts yes before no, and keeps every DAG branch pointing forward', () => {
    expect(layoutOrder(example)).toEqual(['a', 'b', 'd', 'c']);
    fc.assert(
      fc.property(documentArb(), (doc) => {
        const order = layoutOrder(doc);
        expect([...order].sort()).toEqual(Object.keys(doc.nodes).sort());
        const rank = new Map(order.map((id, i) => [id, i]));
        for (const [id, node] of Object.entries(doc.nodes)) {
          if (node.type !== 'condition') continue;
          for (const target of [node.then, node.else]) if (target !== undefined) expect(rank.get(target)!).toBeGreaterThan(rank.get(id)!);
        }
      }),
    );
  });
});

describe('isFullyPlaced', () => {
  it('tells whether every node has a layout entry', () => {
    expect(isFullyPlaced(example)).toBe(false);
    expect(isFullyPlaced({ ...example, layout: { a: { x: 0, y: 0 }, b: { x: 0, y: 0 }, c: { x: 0, y: 0 }, d: { x: 0, y: 0 } } })).toBe(true);
  });
});
