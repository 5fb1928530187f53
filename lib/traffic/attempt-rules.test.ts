import { describe, expect, it } from 'vitest';
import { judge, timeProblem, type AttemptReport, type ExistingAttempt } from './attempt-rules';

const T = Date.UTC(2026, 2, 1, 12);
const decision = { outcome: 'route', candidates: ['proc_a', 'proc_b'], segments: { currency: 'EUR', card_country: 'DE', card_brand: 'visa', payment_method: 'card' } };
const report = (attempt: number, processor: string, outcome: AttemptReport['outcome']): AttemptReport => ({ decision_id: 'dec_x', decidedAt: T, attempt, processor, outcome, atMs: T + 1000 });
const existing = (entries: [number, string, ExistingAttempt['outcome']][]) =>
  new Map(entries.map(([n, processor, outcome]) => [n, { processor, outcome, at: new Date(T).toISOString(), latency_ms: null, decline_code: null, fee: null }]));
const pathOf = (verdict: ReturnType<typeof judge>) => (verdict.ok ? null : verdict.error.code === 'validation' ? verdict.error.issues[0]!.path[0] : verdict.error.code);

describe('attempt rules', () => {
  it('accepts a first attempt on a candidate, and the same report again as a replay', () => {
    const first = judge(report(1, 'proc_a', 'soft_decline'), decision, new Map());
    expect(first).toMatchObject({ ok: true, attempt: { attempt: 1, processor: 'proc_a', replayed: false, at: new Date(T + 1000).toISOString() } });
    expect(judge(report(1, 'proc_a', 'soft_decline'), decision, existing([[1, 'proc_a', 'soft_decline']]))).toMatchObject({ ok: true, attempt: { replayed: true } });
  });

  it('a different report of an attempt is a conflict', () => {
    expect(pathOf(judge(report(1, 'proc_a', 'approved'), decision, existing([[1, 'proc_a', 'soft_decline']])))).toBe('conflict');
    expect(pathOf(judge(report(1, 'proc_b', 'soft_decline'), decision, existing([[1, 'proc_a', 'soft_decline']])))).toBe('conflict');
  });

  it('refuses what cannot have happened, at the field that says why', () => {
    expect(pathOf(judge(report(1, 'proc_c', 'approved'), decision, new Map()))).toBe('processor');
    expect(pathOf(judge(report(2, 'proc_b', 'approved'), decision, new Map()))).toBe('attempt'); // before attempt 1
    expect(pathOf(judge(report(2, 'proc_b', 'approved'), decision, existing([[1, 'proc_a', 'approved']])))).toBe('attempt'); // after an approval
    expect(pathOf(judge(report(1, 'proc_a', 'approved'), decision, existing([[2, 'proc_b', 'approved']])))).toBe('outcome'); // a later attempt follows
    expect(pathOf(judge(report(1, 'proc_a', 'approved'), { ...decision, outcome: 'blocked', candidates: [] }, new Map()))).toBe('attempt');
    expect(judge(report(2, 'proc_b', 'approved'), decision, existing([[1, 'proc_a', 'soft_decline']])).ok).toBe(true);
  });

  it('refuses a time in the future or well before the decision, allowing 5 minutes of clock skew', () => {
    expect(timeProblem('x', T + 6 * 60_000, T, T)).toMatchObject({ issues: [{ path: ['at'] }] });
    expect(timeProblem('x', T - 6 * 60_000, T, T + 60_000)).toMatchObject({ issues: [{ path: ['at'] }] });
    expect(timeProblem('x', T + 4 * 60_000, T, T)).toBeNull();
    expect(timeProblem('x', T - 4 * 60_000, T, T)).toBeNull();
  });
});
