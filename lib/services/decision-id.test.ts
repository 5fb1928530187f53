import { describe, expect, it } from 'vitest';
import { decisionTimeOf, newDecisionId } from './decision-id';

describe('decision ids', () => {
  it('are unique across refills of the random pool, carry their time, and have one shape', () => {
    const at = Date.UTC(2026, 11, 3, 10, 0, 0, 123);
    const ids = Array.from({ length: 2000 }, () => newDecisionId(at)); // several 341-id pools
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^dec_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
    expect(decisionTimeOf(ids[1999]!)).toBe(at);
    expect(decisionTimeOf('dec_nope')).toBeNull();
  });
});
