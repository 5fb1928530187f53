import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME_ID, seedDemoData } from './seed';
import { testDatabases } from './testing';
import type { Connection } from './client';
import { reportAttemptLines } from '@/lib/services/attempts';
import { systemContext, type ServiceContext } from '@/lib/services/context';
import { decide, DecisionCache } from '@/lib/services/decisions';
import { DecisionLog } from '@/lib/services/decision-log';
import { writePacked } from '@/lib/services/decision-log-store';
import { getScheme } from '@/lib/services/schemes';
import { executeRun, prepareRun, type RunOutcome } from '@/lib/services/simulation-runs';
import type { SchemeDocument } from '@/lib/scheme/schema';

const tx = (i: number, country = 'DE') => ({ id: `tx_${country}_${i}`, amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: country }, customer: { risk_score: 10 } });

describe.each(testDatabases())('replaying recorded traffic on $name', (target) => {
  let connection: Connection;
  let ctx: ServiceContext;
  let edited: SchemeDocument;
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    ctx = { db: connection.db, actor: { kind: 'user', id: 'u1', email: 'ana@example.com', role: 'editor' }, via: 'ui' };
    const cache = new DecisionCache(connection, { heartbeatMs: 0 });
    const log = new DecisionLog({ write: (batch) => writePacked(connection, batch), capacity: 1000, flushMs: 60_000 });
    // 40 DE cards over 100 go to eu_priority (Adyen EU, then Stripe); 10 FR cards too.
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const answer = await decide(cache, { transaction: tx(i) }, undefined, { log, apiKeyId: null });
      if (!answer.ok) throw new Error(answer.error.message);
      ids.push(answer.value.decision_id!);
    }
    for (let i = 0; i < 10; i++) await decide(cache, { transaction: tx(i, 'FR') }, undefined, { log, apiKeyId: null });
    await log.flush();
    await cache.stop();
    // Observed in DE: Adyen EU approves 30 of 40 (10 soft declines, all cascaded); Stripe approves 4 of the 5 cascaded ones reported.
    const lines = ids.flatMap((id, i) => {
      if (i < 30) return [{ decision_id: id, processor: 'proc_adyen_eu', attempt: 1, outcome: 'approved' }];
      const first = { decision_id: id, processor: 'proc_adyen_eu', attempt: 1, outcome: 'soft_decline' };
      if (i >= 35) return [first];
      return [first, { decision_id: id, processor: 'proc_stripe', attempt: 2, outcome: i < 34 ? 'approved' : 'soft_decline' }];
    });
    const reported = await reportAttemptLines(systemContext(connection.db, 'backend'), lines.map((value, i) => ({ line: i + 1, value })));
    if (!reported.ok || reported.value.some((r) => !r.verdict.ok)) throw new Error(JSON.stringify(reported));
    // The draft, edited: EU cards go to Checkout first (never observed in DE).
    const scheme = await getScheme(connection.db, DEMO_SCHEME_ID);
    const document = structuredClone(scheme!.document) as SchemeDocument;
    (document.nodes.eu_priority as { processors: string[] }).processors = ['proc_checkout', 'proc_stripe'];
    edited = document;
  });
  afterAll(async () => connection?.close());

  async function run(body: unknown): Promise<RunOutcome> {
    const prepared = await prepareRun(ctx, DEMO_SCHEME_ID, body);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
    const executed = await executeRun(ctx, DEMO_SCHEME_ID, prepared.value.id, null);
    if (!executed.ok) throw new Error(JSON.stringify(executed.error));
    return executed.value;
  }

  it('impact: both documents decide every recorded payment; the estimate uses observed rates, and is unknown where nothing was observed', async () => {
    const outcome = await run({ kind: 'impact', before: { kind: 'active' }, after: { kind: 'unsaved', document: edited, revision: 1 }, input: { kind: 'recorded', days: 1, estimate_by: 'card_country' } });
    if (outcome.status !== 'done' || outcome.kind !== 'impact') throw new Error(JSON.stringify(outcome));
    const { impact } = outcome;
    expect(impact.total).toBe(50);
    expect(impact.groups).toEqual([expect.objectContaining({ from: 'proc_adyen_eu', to: 'proc_checkout', count: 50 })]);
    const { before, after } = impact.observed!;
    // DE: 0.75 + 0.25 × (10 soft of 10 failures cascade) × 0.8 = 0.95; FR: Adyen EU never observed there → unknown.
    expect(before).toMatchObject({ payments: 50, estimated: 40, unknown: 10, partial: 0 });
    expect(before.approval_rate).toBeCloseTo(0.95, 10);
    expect(before.low!).toBeLessThan(0.95);
    expect(before.high!).toBeGreaterThan(0.95);
    expect(before.cells).toEqual([expect.objectContaining({ processor: 'proc_adyen_eu', value: 'DE', payments: 40, observed_attempts: 40, observed_rate: 0.75 })]);
    expect(before.unknown_cells).toEqual([expect.objectContaining({ processor: 'proc_adyen_eu', value: 'FR', payments: 10 })]);
    expect(after).toMatchObject({ payments: 50, estimated: 0, unknown: 50, approval_rate: null });
    expect(after.unknown_cells.map((c) => [c.processor, c.value, c.payments])).toEqual([['proc_checkout', 'DE', 40], ['proc_checkout', 'FR', 10]]);
  });

  it('batch: a segment filter and a stored replay that says what it read', async () => {
    const outcome = await run({ kind: 'batch', target: { kind: 'draft' }, input: { kind: 'recorded', days: 2, segment: { card_country: 'de' }, estimate_by: 'card_country' } });
    if (outcome.status !== 'done' || outcome.kind !== 'batch') throw new Error(JSON.stringify(outcome));
    expect(outcome.run.rows).toBe(40);
    expect(outcome.run.input).toMatchObject({ kind: 'recorded', days: 2, segment: { card_country: 'de' }, estimate_by: 'card_country' });
    expect(outcome.run.report.observed).toMatchObject({ payments: 40, estimated: 40, unknown: 0 });
  });

  it('refuses a replay of a segment with no recorded traffic', async () => {
    const prepared = await prepareRun(ctx, DEMO_SCHEME_ID, { kind: 'batch', target: { kind: 'draft' }, input: { kind: 'recorded', days: 1, segment: { currency: 'JPY' } } });
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.error.message).toMatch(/No decisions were recorded/);
  });
});
