import { describe, expect, it } from 'vitest';
import type { SchemeDocument } from '../scheme/schema';
import { sameJson, shareUnchanged } from './share';

const doc = (): SchemeDocument => ({
  format: 'switchyard.scheme/v1',
  name: 'test',
  start: 'a',
  nodes: {
    a: { type: 'condition', match: 'all', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }], then: 'b', else: 'c' },
    b: { type: 'strategy', strategy: 'direct', processors: ['proc_stripe'] },
    c: { type: 'strategy', strategy: 'blank' },
  },
  layout: { a: { x: 0, y: 0 }, b: { x: 0, y: 200 }, c: { x: 300, y: 200 } },
});

describe('shareUnchanged', () => {
  it('keeps the previous object of every unchanged node and position, and the new one of a changed node', () => {
    const previous = doc();
    const next = structuredClone(previous);
    (next.nodes.a as { rules: { value: number }[] }).rules[0]!.value = 101;
    const shared = shareUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared.nodes.a).toBe(next.nodes.a);
    expect(shared.nodes.b).toBe(previous.nodes.b);
    expect(shared.nodes.c).toBe(previous.nodes.c);
    expect(shared.layout).toBe(previous.layout);
  });

  it('keeps the order of the new document', () => {
    const previous = doc();
    const next = structuredClone(previous);
    next.nodes = { c: next.nodes.c!, b: next.nodes.b!, a: next.nodes.a! };
    const shared = shareUnchanged(previous, next);
    expect(Object.keys(shared.nodes)).toEqual(['c', 'b', 'a']);
    expect(shared.nodes.a).toBe(previous.nodes.a);
  });

  it('treats a node whose keys were reordered as changed, so the author\'s order survives', () => {
    const previous = doc();
    const next = structuredClone(previous);
    next.nodes.b = { processors: ['proc_stripe'], strategy: 'direct', type: 'strategy' } as SchemeDocument['nodes'][string];
    const shared = shareUnchanged(previous, next);
    expect(Object.keys(shared.nodes.b!)).toEqual(['processors', 'strategy', 'type']);
    expect(shared.nodes.b).not.toBe(previous.nodes.b);
  });

  it('returns the new document itself when nothing can be shared, and handles a new layout', () => {
    const previous = { ...doc(), layout: undefined };
    const next = doc();
    next.nodes = { z: { type: 'strategy', strategy: 'blank' } };
    next.start = 'z';
    expect(shareUnchanged(previous, next)).toBe(next);
  });

  it('does not read inherited properties for ids like __proto__', () => {
    const previous = doc();
    const next = structuredClone(previous);
    next.nodes = Object.fromEntries([['__proto__', { type: 'strategy', strategy: 'blank' }], ['constructor', { type: 'strategy', strategy: 'blank' }]]);
    const shared = shareUnchanged(previous, next);
    expect(Object.keys(shared.nodes)).toEqual(['__proto__', 'constructor']);
  });
});

describe('sameJson', () => {
  it('compares values deeply, key order included', () => {
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});
