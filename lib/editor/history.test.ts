import { describe, expect, it } from 'vitest';
import { starterDoc } from './testing';
import { amend, HISTORY_LIMIT, record, redo, startHistory, undo } from './history';

describe('document history', () => {
  const a = starterDoc('a');
  const b = { ...a, name: 'b' };
  const c = { ...a, name: 'c' };

  it('undoes and redoes whole documents', () => {
    const h = record(record(startHistory(a), b), c);
    expect(undo(h).present).toBe(b);
    expect(undo(undo(h)).present).toBe(a);
    expect(redo(undo(undo(h))).present).toBe(b);
    expect(undo(startHistory(a)).present).toBe(a);
    expect(redo(h)).toBe(h);
  });

  it('a new step after an undo drops the redo branch', () => {
    const h = record(undo(record(record(startHistory(a), b), c)), c);
    expect(h.future).toHaveLength(0);
    expect(h.past).toEqual([a, b]);
  });

  it('recording the same document is not a step', () => {
    const h = startHistory(a);
    expect(record(h, a)).toBe(h);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = startHistory(a);
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = record(h, { ...a, name: String(i) });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});

describe('amend', () => {
  it('joins the last step: one undo takes back the edit and its consequence', () => {
    const a = { name: 'a' } as never;
    const b = { name: 'b' } as never;
    const c = { name: 'c' } as never;
    const amended = amend(record(startHistory(a), b), c);
    expect(amended.present).toBe(c);
    expect(undo(amended).present).toBe(a);
    expect(amended.past).toHaveLength(1);
  });
});
