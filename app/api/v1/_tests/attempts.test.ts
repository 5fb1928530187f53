import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@/db/testing';
import { queryRows } from '@/db/rows';
import { setDecisionLog } from '@/lib/services/decisions';
import { DecisionLog } from '@/lib/services/decision-log';
import { writePacked } from '@/lib/services/decision-log-store';
import { AttemptOut } from '@/lib/api/responses';
import { call, json, openApiHarness, type ApiHarness } from './harness';
import * as decideRoute from '../decide/route';
import * as attemptRoute from '../decisions/[id]/attempts/route';
import * as attemptsRoute from '../attempts/route';

const TX = { id: 'tx_out', amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { country: 'DE', risk_score: 10 } };

describe.each(testDatabases())('outcome feedback on $name', (target) => {
  let api: ApiHarness;
  let log: DecisionLog;
  beforeAll(async () => {
    api = await openApiHarness(target);
    log = new DecisionLog({ write: (batch) => writePacked(api.connection, batch), capacity: 10_000, flushMs: 60_000 });
    setDecisionLog(log);
  });
  afterAll(async () => {
    setDecisionLog(undefined);
    await api?.close().catch(() => {});
  });
  const decideOne = async (transaction: object = TX): Promise<string> => {
    const answer = await json(await call(decideRoute, 'POST', '/api/v1/decide', { key: api.keys.decide, body: { transaction } }));
    expect(answer.status).toBe(200);
    return answer.body.decision_id;
  };
  const report = (id: string, body: unknown, key: string | null = api.keys.decide) => call(attemptRoute, 'POST', `/api/v1/decisions/${id}/attempts`, { key, body, params: { id } }).then(json);
  const lines = async (text: string) => {
    const response = await call(attemptsRoute, 'POST', '/api/v1/attempts', { key: api.keys.decide, body: text, headers: { 'content-type': 'application/x-ndjson' } });
    expect(response.status).toBe(200);
    return (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
  };
  const count = async (statement: ReturnType<typeof sql>) => Number((await queryRows<{ n: string | null }>(api.connection.db, statement))[0]!.n ?? 0);

  it('decide answers with a decision id; an attempt reported moments later is stored (the buffer is written first)', async () => {
    const id = await decideOne();
    expect(id).toMatch(/^dec_/);
    expect(log.status().backlog).toBe(1);
    const stored = await report(id, { processor: 'proc_adyen_eu', attempt: 1, outcome: 'soft_decline', decline_code: '51', latency_ms: 420 });
    expect(stored.status).toBe(200);
    expect(AttemptOut.parse(stored.body)).toMatchObject({ decision_id: id, attempt: 1, outcome: 'soft_decline', decline_code: '51', latency_ms: 420, replayed: false });
    const [row] = await queryRows<{ api_key_id: string }>(api.connection.db, sql`select api_key_id from decision_log where id = ${id}`);
    expect(row!.api_key_id).toMatch(/\S/);
  });

  it('is idempotent on (decision, attempt); a different outcome for it is a 409; the cascade rescue counts', async () => {
    const id = await decideOne();
    const first = { processor: 'proc_adyen_eu', attempt: 1, outcome: 'soft_decline', at: new Date().toISOString() };
    expect((await report(id, first)).body.replayed).toBe(false);
    const again = await report(id, first);
    expect(again).toMatchObject({ status: 200, body: { replayed: true, outcome: 'soft_decline' } });
    const other = await report(id, { ...first, outcome: 'approved' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ type: 'conflict', issues: [{ path: ['attempt'] }] });
    const before = await count(sql`select sum(rescued) as n from traffic_segments where grain = 'hour' and dimension = 'all' and processor = 'proc_stripe'`);
    expect((await report(id, { processor: 'proc_stripe', attempt: 2, outcome: 'approved' })).status).toBe(200);
    expect(await count(sql`select sum(rescued) as n from traffic_segments where grain = 'hour' and dimension = 'all' and processor = 'proc_stripe'`)).toBe(before + 1);
    const after = await report(id, { processor: 'proc_stripe', attempt: 3, outcome: 'approved' });
    expect(after).toMatchObject({ status: 400, body: { error: { issues: [{ path: ['attempt'], message: expect.stringMatching(/approved/) }] } } });
  });

  it('refuses a processor that was no candidate, attempts out of order, bad fields, unknown decisions; needs the decide scope', async () => {
    const id = await decideOne();
    const notCandidate = await report(id, { processor: 'proc_checkout', attempt: 1, outcome: 'approved' });
    expect(notCandidate).toMatchObject({ status: 400, body: { error: { issues: [{ path: ['processor'] }] } } });
    expect(notCandidate.body.error.message).toMatch(/candidates: proc_adyen_eu, proc_stripe/);
    const outOfOrder = await report(id, { processor: 'proc_stripe', attempt: 2, outcome: 'approved' });
    expect(outOfOrder).toMatchObject({ status: 400, body: { error: { issues: [{ path: ['attempt'], message: expect.stringMatching(/before attempt 1/) }] } } });
    const bad = await report(id, { processor: 'proc_stripe', attempt: 0, outcome: 'maybe', extra: 1 });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths.sort()).toEqual(['', 'attempt', 'outcome']); // '' is the unknown field `extra`
    const future = await report(id, { processor: 'proc_stripe', attempt: 1, outcome: 'approved', at: '2999-01-01T00:00:00Z' });
    expect(future).toMatchObject({ status: 400, body: { error: { issues: [{ path: ['at'] }] } } });
    expect((await report('dec_000000000AAAAAAAAAAAAAAAA', { processor: 'proc_stripe', attempt: 1, outcome: 'approved' })).status).toBe(404);
    expect((await report('pay_123', { processor: 'proc_stripe', attempt: 1, outcome: 'approved' })).status).toBe(404);
    expect((await report(id, { processor: 'proc_stripe', attempt: 1, outcome: 'approved' }, api.keys.read)).status).toBe(403);
  });

  it('needs the decide scope on both paths: read and write keys get 403, no key or a revoked one 401, and nothing is stored or audited', async () => {
    const id = await decideOne();
    await log.flush();
    const attempt = { processor: 'proc_adyen_eu', attempt: 1, outcome: 'approved' };
    const stored = () => count(sql`select count(*) as n from decision_attempts where decision_id = ${id}`);
    const audited = () => count(sql`select count(*) as n from audit_entries where action in ('report_attempt', 'report_attempts')`);
    const auditBefore = await audited();
    for (const [name, key, status] of [['read', api.keys.read, 403], ['write', api.keys.write, 403], ['revoked', api.keys.revoked, 401], ['none', null, 401]] as const) {
      const one = await report(id, attempt, key);
      expect(one.status, `${name} key, one attempt`).toBe(status);
      expect(one.body.error.type).toBe(status === 403 ? 'forbidden' : 'unauthorized');
      const body = JSON.stringify({ decision_id: id, ...attempt });
      const batch = await call(attemptsRoute, 'POST', '/api/v1/attempts', { key, body, headers: { 'content-type': 'application/x-ndjson' } });
      expect(batch.status, `${name} key, JSON lines`).toBe(status);
    }
    expect([await stored(), await audited()]).toEqual([0, auditBefore]);
    // A key with every scope may, like the decide key.
    expect((await report(id, attempt, api.keys.all)).status).toBe(200);
    expect((await report(id, attempt)).body).toMatchObject({ replayed: true });
    expect([await stored(), await audited()]).toEqual([1, auditBefore + 1]);
  });

  it('takes JSON lines: reports broken and refused lines by number, applies the rest, one audit entry per batch', async () => {
    const [a, b] = [await decideOne(), await decideOne({ ...TX, currency: 'USD', card: { brand: 'mastercard', issuer_country: 'US' } })];
    await log.flush();
    const auditBefore = await count(sql`select count(*) as n from audit_entries where action = 'report_attempts'`);
    const out = await lines([
      JSON.stringify({ decision_id: a, processor: 'proc_adyen_eu', attempt: 1, outcome: 'processor_error' }),
      '{"decision_id": broken',
      JSON.stringify({ decision_id: a, processor: 'proc_stripe', attempt: 2, outcome: 'approved' }),
      JSON.stringify({ decision_id: 'dec_000000000AAAAAAAAAAAAAAAA', processor: 'proc_stripe', attempt: 1, outcome: 'approved' }),
      '',
      JSON.stringify({ decision_id: b, processor: 'proc_stripe', attempt: 1, outcome: 'approved' }),
      JSON.stringify({ decision_id: b, processor: 'proc_stripe', attempt: 1, outcome: 'hard_decline' }),
    ].join('\n'));
    expect(out).toEqual([
      { line: 2, status: 400, error: expect.objectContaining({ type: 'invalid_request', message: expect.stringMatching(/invalid JSON/) }) },
      { line: 4, status: 404, error: expect.objectContaining({ type: 'not_found' }) },
      { line: 7, status: 409, error: expect.objectContaining({ type: 'conflict' }) },
      { summary: { lines: 6, stored: 3, replayed: 0, refused: 3 } },
    ]);
    expect(await count(sql`select count(*) as n from decision_attempts where decision_id in (${a}, ${b})`)).toBe(3);
    expect(await count(sql`select count(*) as n from audit_entries where action = 'report_attempts'`)).toBe(auditBefore + 1);
    // Sent again: nothing new is stored.
    const again = await lines([JSON.stringify({ decision_id: b, processor: 'proc_stripe', attempt: 1, outcome: 'approved' })].join('\n'));
    expect(again).toEqual([{ summary: { lines: 1, stored: 0, replayed: 1, refused: 0 } }]);
    expect(await count(sql`select sum(approved) as n from traffic_segments where grain = 'minute' and dimension = 'currency' and value = 'USD' and processor = 'proc_stripe'`)).toBe(1);
  });
});
