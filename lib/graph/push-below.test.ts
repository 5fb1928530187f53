import { describe, expect, it } from 'vitest';
import type { SchemeDocument } from '../scheme/schema';
import { pushBelow } from './push-below';

// check → (yes) left, (no) right; left → leaf. Top to bottom: check on top, its branches under it.
const doc = {
  format: 'switchyard.scheme/v1',
  name: 't',
  start: 'check',
  nodes: {
    check: { type: 'condition', match: 'all', rules: [], then: 'left', else: 'right' },
    left: { type: 'condition', match: 'all', rules: [], then: 'leaf' },
    right: { type: 'strategy', strategy: 'blank' },
    leaf: { type: 'strategy', strategy: 'blank' },
    aside: { type: 'strategy', strategy: 'blank' },
  },
} as unknown as SchemeDocument;
const size = { width: 260, height: 100 };
const sizes = { check: { width: 260, height: 220 }, left: size, right: size, leaf: size, aside: size };
const positions = { check: { x: 0, y: 0 }, left: { x: 0, y: 160 }, right: { x: 300, y: 160 }, leaf: { x: 0, y: 320 }, aside: { x: 900, y: 0 } };

describe('pushBelow', () => {
  it('moves what a grown condition covers, with its subtree, by just enough; nothing beside it', () => {
    const moves = pushBelow(doc, { id: 'check', before: 100, after: 220 }, positions, sizes, 'down', 24);
    // New bottom 220 + gap 24 = 244; `left` was at 160: everything under moves 84 down.
    expect(moves).toEqual({ left: { x: 0, y: 244 }, right: { x: 300, y: 244 }, leaf: { x: 0, y: 404 } });
  });

  it('left to right, moves the covered node and its subtree but not the grown node\'s children beside it', () => {
    const across = { check: { x: 0, y: 0 }, left: { x: 320, y: 0 }, right: { x: 320, y: 140 }, leaf: { x: 640, y: 0 }, aside: { x: 0, y: 140 } };
    const moves = pushBelow(doc, { id: 'check', before: 100, after: 220 }, across, sizes, 'right', 24);
    expect(moves).toEqual({ aside: { x: 0, y: 244 } });
  });

  it('does nothing when the growth covers nothing, or it shrank', () => {
    const roomy = { ...positions, left: { x: 0, y: 600 }, right: { x: 300, y: 600 }, leaf: { x: 0, y: 800 } };
    expect(pushBelow(doc, { id: 'check', before: 100, after: 220 }, roomy, sizes, 'down', 24)).toBeNull();
    expect(pushBelow(doc, { id: 'check', before: 220, after: 100 }, positions, sizes, 'down', 24)).toBeNull();
  });

  it('never moves an ancestor of the grown node', () => {
    const moves = pushBelow(doc, { id: 'left', before: 100, after: 300 }, { ...positions, check: { x: 0, y: 400 } }, sizes, 'down', 24);
    expect(moves).not.toHaveProperty('check');
    expect(moves).toEqual({ leaf: { x: 0, y: 484 } });
  });
});
