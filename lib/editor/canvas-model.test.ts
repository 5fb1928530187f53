import { describe, expect, it } from 'vitest';
import { updateNode } from '../graph';
import { SCHEME_FORMAT, type SchemeDocument } from '../scheme/schema';
import { deriveCanvas, emptyCanvasCache, type CanvasView } from './canvas-model';
import type { Decision } from '../engine/types';

const doc: SchemeDocument = {
  format: SCHEME_FORMAT,
  name: 'canvas',
  start: 'a',
  nodes: {
    a: { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: 1 }], then: 'b', else: 'c' },
    b: { type: 'strategy', strategy: 'priority', processors: ['p1'] },
    c: { type: 'strategy', strategy: 'blank' },
  },
  layout: { a: { x: 0, y: 0 }, b: { x: 300, y: 0 } },
};

const view: CanvasView = {
  selection: [], edgeSelection: [], dragPositions: null, autoPositions: {}, measured: {}, direction: 'right', problems: [], trace: null,
};

describe('deriveCanvas', () => {
  it('draws each node with its type, start flag and position, unplaced ones on the placeholder grid', () => {
    const { nodes, edges } = deriveCanvas(doc, view, emptyCanvasCache());
    expect(nodes.map((n) => [n.id, n.type, n.data.isStart])).toEqual([['a', 'condition', true], ['b', 'priority', false], ['c', 'blank', false]]);
    expect(nodes[2]!.position.y).toBeGreaterThan(0);
    expect(edges.map((e) => [e.id, e.target, e.className])).toEqual([['a:yes', 'b', 'edge-yes'], ['a:no', 'c', 'edge-no']]);
  });

  it('keeps the objects of untouched nodes when one node is edited', () => {
    const cache = emptyCanvasCache();
    const first = deriveCanvas(doc, view, cache);
    const edited = updateNode(doc, 'b', { type: 'strategy', strategy: 'priority', processors: ['p2'] });
    if (!edited.ok) throw new Error(edited.reason);
    const second = deriveCanvas(edited.doc, view, cache);
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[2]).toBe(first.nodes[2]);
    expect(second.nodes[1]).not.toBe(first.nodes[1]);
    expect(second.edges[0]).toBe(first.edges[0]);
  });

  it('keeps node data while only the position or selection changes (the component skips rendering)', () => {
    const cache = emptyCanvasCache();
    const first = deriveCanvas(doc, view, cache);
    const dragged = deriveCanvas(doc, { ...view, selection: ['a'], dragPositions: { a: { x: 9, y: 9 } } }, cache);
    expect(dragged.nodes[0]).not.toBe(first.nodes[0]);
    expect(dragged.nodes[0]!.position).toEqual({ x: 9, y: 9 });
    expect(dragged.nodes[0]!.selected).toBe(true);
    expect(dragged.nodes[0]!.data).toBe(first.nodes[0]!.data);
    expect(dragged.nodes[1]).toBe(first.nodes[1]);
  });

  it('counts problems per node and marks the traced path', () => {
    const decision: Decision = {
      outcome: 'route', processor: 'p1', candidates: ['p1'], strategy: 'priority', node: 'b', path: [{ node: 'a', result: true }], modifiers: {},
      trace: { conditions: [{ node: 'a', result: true, match: 'all', rules: [{ attribute: 'amount', operator: 'gt', expected: 1, actual: 5, result: true }] }], skipped: [] },
    };
    const { nodes, edges } = deriveCanvas(doc, {
      ...view,
      trace: decision,
      problems: [
        { code: 'x', message: 'm', path: ['nodes', 'c'], node: 'c', severity: 'error' },
        { code: 'y', message: 'm', path: ['nodes', 'c'], node: 'c', severity: 'warning' },
        { code: 'z', message: 'm', path: [], severity: 'error' },
      ],
    }, emptyCanvasCache());
    expect(nodes.map((n) => [n.data.mark, n.data.errors, n.data.warnings])).toEqual([['path', 0, 0], ['leaf', 0, 0], ['off', 1, 1]]);
    expect(nodes[0]!.data.nodeTrace?.rules[0]?.actual).toBe(5);
    expect(nodes[1]!.data.decision).toBe(decision);
    expect(edges.map((e) => e.className)).toEqual(['edge-yes edge-taken', 'edge-no edge-off']);
  });

  it('leaves out branches to nodes that do not exist', () => {
    const dangling = { ...doc, nodes: { ...doc.nodes, a: { ...doc.nodes.a!, else: 'ghost' } } } as SchemeDocument;
    expect(deriveCanvas(dangling, view, emptyCanvasCache()).edges.map((e) => e.id)).toEqual(['a:yes']);
  });
});
