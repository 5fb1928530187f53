import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, type ConditionNode, type SchemeDocument, type SchemeNode } from '../scheme/schema';
import { elkLayout } from './elk-layout';
import { autoLayout, type LayoutDirection } from './layout';
import { successors } from './order';
import { HANDLE_OFFSET, NODE_GAP, NODE_SIZE } from './sizes';
import { deepFreeze } from './testing/arbitraries';
import { treeLayout } from './tree-layout';
import { treeShape } from './tree-shape';
import type { XYPosition } from './types';

type Sizes = Record<string, { width: number; height: number }>;
type Box = { id: string; x: number; y: number; width: number; height: number };

function boxes(doc: SchemeDocument, positions: Record<string, XYPosition>, sizes: Sizes): Box[] {
  return Object.entries(positions).map(([id, p]) => ({ id, ...p, ...(sizes[id] ?? NODE_SIZE[doc.nodes[id]!.type]) }));
}

/** Pairs of boxes closer than `gap` in both axes: overlapping, or nearer than the layout's spacing. */
function crowded(all: Box[], gap = 0): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap) pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

/**
 * Forests as the editor sees them: node i hangs from an earlier condition's free branch or starts a
 * component of its own; nodes left without branches are strategies (or unfinished conditions), and some
 * conditions also branch to an already placed strategy (a shared fallback leaf). Sizes vary per node.
 */
const forestArb = fc
  .record({
    links: fc.array(fc.record({ parent: fc.option(fc.nat(), { freq: 8 }), yes: fc.boolean(), unfinished: fc.boolean() }), { minLength: 1, maxLength: 40, size: 'medium' }),
    shares: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), yes: fc.boolean() }), { maxLength: 6, size: 'medium' }),
    sizes: fc.array(fc.record({ width: fc.integer({ min: 80, max: 420 }), height: fc.integer({ min: 30, max: 320 }) }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ links, shares, sizes }) => {
    const branches: { then?: string; else?: string }[] = links.map(() => ({}));
    links.forEach((link, i) => {
      if (i === 0 || link.parent === null) return;
      const parent = branches[link.parent % i]!;
      const slot = link.yes || parent.else !== undefined ? 'then' : 'else';
      if (parent[slot] === undefined) parent[slot] = `n${i}`;
      else if (parent.else === undefined) parent.else = `n${i}`;
    });
    const isLeaf = (i: number) => branches[i]!.then === undefined && branches[i]!.else === undefined && !links[i]!.unfinished;
    for (const share of shares) {
      const from = share.from % links.length;
      const to = share.to % links.length;
      const slot = share.yes ? 'then' : 'else';
      // Only a condition gets the extra branch (a leaf stays a leaf), and never to the start.
      if (to !== 0 && !isLeaf(from) && isLeaf(to) && branches[from]![slot] === undefined) branches[from]![slot] = `n${to}`;
    }
    const nodes: Record<string, SchemeNode> = {};
    branches.forEach((b, i) => {
      nodes[`n${i}`] = isLeaf(i) ? { type: 'strategy', strategy: 'blank' } : { type: 'condition', rules: [], ...b };
    });
    const doc: SchemeDocument = { format: SCHEME_FORMAT, name: 'forest', start: 'n0', nodes };
    return { doc, sizes: Object.fromEntries(sizes.slice(0, links.length).map((s, i) => [`n${i}`, s])) as Sizes };
  });

const directionArb = fc.constantFrom<LayoutDirection>('down', 'right');

const leaf: SchemeNode = { type: 'strategy', strategy: 'blank' };
const condition = (then?: string, otherwise?: string): ConditionNode => ({ type: 'condition', rules: [], ...(then ? { then } : {}), ...(otherwise ? { else: otherwise } : {}) });
const scheme = (nodes: Record<string, SchemeNode>): SchemeDocument => ({ format: SCHEME_FORMAT, name: 'x', start: 'a', nodes });

/** Along the layout direction: where a box starts and ends; across it: its extent. */
const along = (box: Box, direction: LayoutDirection) => (direction === 'down' ? [box.y, box.y + box.height] : [box.x, box.x + box.width]);
const across = (box: Box, direction: LayoutDirection) => (direction === 'down' ? box.x : box.y);

describe('treeLayout', () => {
  it('places every node of a forest, no two closer than the gap, the same way every time', () => {
    fc.assert(
      fc.property(forestArb, directionArb, ({ doc, sizes }, direction) => {
        const positions = treeLayout(deepFreeze(doc), { direction, sizes })!;
        expect(positions).not.toBeNull();
        expect(Object.keys(positions).sort()).toEqual(Object.keys(doc.nodes).sort());
        for (const p of Object.values(positions)) expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
        // Rounding to whole pixels may take at most one pixel of the gap.
        expect(crowded(boxes(doc, positions, sizes), Math.min(NODE_GAP.between, NODE_GAP.layers) - 1)).toEqual([]);
        expect(treeLayout(doc, { direction, sizes })).toEqual(positions);
      }),
      { numRuns: 150 },
    );
  });

  it('puts every node after the nodes that branch to it, shared leaves included, and the yes child before the no child', () => {
    fc.assert(
      fc.property(forestArb, directionArb, ({ doc, sizes }, direction) => {
        const positions = treeLayout(doc, { direction, sizes })!;
        const box = new Map(boxes(doc, positions, sizes).map((b) => [b.id, b]));
        const { children } = treeShape(doc)!;
        for (const [id, node] of Object.entries(doc.nodes)) {
          for (const target of successors(doc, id)) {
            expect(along(box.get(target)!, direction)[0]).toBeGreaterThanOrEqual(along(box.get(id)!, direction)[1]! + NODE_GAP.layers);
          }
          const own = children.get(id) ?? [];
          if (node.type === 'condition' && own.includes(node.then!) && own.includes(node.else!) && node.then !== node.else) {
            expect(across(box.get(node.then!)!, direction)).toBeLessThan(across(box.get(node.else!)!, direction));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('lays out the start on top, its handle over its larger branch (yes on a tie), unreachable parts beside it', () => {
    const doc = scheme({ lost: leaf, a: condition('b', 'c'), b: leaf, c: leaf });
    const { width, height } = NODE_SIZE.strategy;
    const box = NODE_SIZE.condition;
    const yesShift = 0.5 - HANDLE_OFFSET.yes;
    expect(treeLayout(doc)).toEqual({
      a: { x: yesShift * box.width, y: 0 },
      b: { x: 0, y: box.height + NODE_GAP.layers },
      c: { x: width + NODE_GAP.between, y: box.height + NODE_GAP.layers },
      lost: { x: 2 * (width + NODE_GAP.between), y: 0 },
    });
    const right = treeLayout(doc, { direction: 'right' })!;
    expect(right.a).toEqual({ x: 0, y: Math.round(height / 2 + yesShift * box.height - box.height / 2) });
    expect(right.b).toEqual({ x: box.width + NODE_GAP.layers, y: 0 });
    expect(right.c).toEqual({ x: box.width + NODE_GAP.layers, y: height + NODE_GAP.between });

    // The no branch is larger: the no handle sits over the no child, so that edge is straight.
    const chain = scheme({ ...doc.nodes, c: condition('d', 'e'), d: leaf, e: leaf });
    for (const direction of ['down', 'right'] as const) {
      const positions = treeLayout(chain, { direction })!;
      const [axis, side] = direction === 'down' ? (['x', box.width] as const) : (['y', box.height] as const);
      // Within a pixel: positions are rounded.
      expect(Math.abs(positions.a![axis] + HANDLE_OFFSET.no * side - (positions.c![axis] + side / 2))).toBeLessThanOrEqual(1);
    }
  });

  it('hangs a shared leaf under its deepest parent', () => {
    const doc = scheme({ a: condition('b', 'fallback'), b: condition('ok', 'fallback'), ok: leaf, fallback: leaf });
    expect(treeShape(doc)!.children).toEqual(new Map([['a', ['b']], ['b', ['ok', 'fallback']]]));
    const positions = treeLayout(doc)!;
    expect(positions.fallback!.y).toBe(positions.ok!.y);
  });

  it('refuses what is not a forest: a shared condition, a branch back to the start, a cycle', () => {
    const shared = scheme({ a: condition('b', 'c'), b: condition('c', 'd'), c: condition('d', 'e'), d: leaf, e: leaf });
    const toStart = scheme({ a: condition('b'), b: condition('d', 'a'), d: leaf });
    const cycle = scheme({ a: condition('d'), b: condition('c'), c: condition('b'), d: leaf });
    for (const doc of [shared, toStart, cycle]) expect(treeLayout(doc)).toBeNull();
  });

  it('lays out a deep chain without running out of stack', () => {
    const nodes: Record<string, SchemeNode> = {};
    for (let i = 0; i < 20_000; i++) {
      nodes[`c${i}`] = condition(`s${i}`, `c${i + 1}`);
      nodes[`s${i}`] = leaf;
    }
    nodes.c20000 = leaf;
    const positions = treeLayout({ ...scheme(nodes), start: 'c0' })!;
    expect(positions.c19999!.y).toBeLessThan(positions.c20000!.y);
  });
});

describe('autoLayout', () => {
  it('uses the tree layout on a forest and ELK on anything else, e.g. a shared condition or a cycle', async () => {
    const tree = scheme({ a: condition('b', 'c'), b: leaf, c: leaf });
    expect(await autoLayout(tree, { direction: 'right' })).toEqual(treeLayout(tree, { direction: 'right' }));
    const dag = scheme({ a: condition('b', 'c'), b: condition('c', 'd'), c: condition('d'), d: leaf });
    const cycle = scheme({ ...dag.nodes, c: condition('d', 'a') });
    for (const doc of [dag, cycle]) {
      for (const direction of ['down', 'right'] as const) {
        expect(treeLayout(doc, { direction })).toBeNull();
        expect(await autoLayout(doc, { direction })).toEqual(await elkLayout(doc, { direction }));
      }
    }
  });
});
