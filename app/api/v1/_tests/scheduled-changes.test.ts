import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import * as scheduled from '../schemes/[id]/scheduled/route';
import * as change from '../scheduled-changes/[id]/route';
import * as drain from '../processors/[id]/drain/route';
import * as out from '@/lib/api/responses';
import { call, json, openApiHarness, type ApiHarness } from './harness';

const conforms = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
};

describe.each(testDatabases())('/api/v1 scheduled changes on $name', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(target);
  });
  afterAll(async () => api?.close());
  const key = () => api.keys.all;
  const params = { id: DEMO_SCHEME_ID };
  const path = `/api/v1/schemes/${DEMO_SCHEME_ID}/scheduled`;

  it('schedules an activation, lists it, cancels it; refuses the past and a skipped hour at their field', async () => {
    const made = await json(await call(scheduled, 'POST', path, { key: key(), params, body: { version: 1, at: '2040-03-20T02:00', zone: 'Europe/Berlin' } }));
    expect(made.status).toBe(201);
    conforms(out.ScheduledChangeOut, made.body);
    expect(made.body).toMatchObject({ kind: 'activate', run_at: '2040-03-20T01:00:00.000Z', zone: 'Europe/Berlin', status: 'pending', scheduled_by: expect.stringMatching(/^api key /) });
    const list = await json(await call(scheduled, 'GET', path, { key: key(), params }));
    expect(list.body.map((c: { id: string }) => c.id)).toContain(made.body.id);
    const cancelled = await json(await call(change, 'DELETE', `/api/v1/scheduled-changes/${made.body.id}`, { key: key(), params: { id: made.body.id } }));
    expect(cancelled.body).toMatchObject({ status: 'cancelled', result: expect.stringContaining('cancelled by api key') });
    const again = await call(change, 'DELETE', `/api/v1/scheduled-changes/${made.body.id}`, { key: key(), params: { id: made.body.id } });
    expect(again.status).toBe(409);
    const past = await json(await call(scheduled, 'POST', path, { key: key(), params, body: { version: 1, at: '2020-01-01T00:00', zone: 'UTC' } }));
    expect(past.status).toBe(400);
    expect(past.body.error.issues[0].path).toEqual(['at']);
    const gap = await json(await call(scheduled, 'POST', path, { key: key(), params, body: { version: 1, at: '2040-03-25T01:30', zone: 'Europe/London' } }));
    expect(gap.status).toBe(400);
    expect(gap.body.error.message).toContain('does not exist');
    expect((await call(scheduled, 'POST', path, { key: api.keys.read, params, body: { version: 1, at: '2040-01-01T00:00' } })).status).toBe(403);
  });

  it('drains a processor and ends the drain', async () => {
    const p = { id: 'proc_checkout' };
    const drained = await json(await call(drain, 'POST', '/api/v1/processors/proc_checkout/drain', { key: key(), params: p, body: { for: '90 min' } }));
    expect(drained.status).toBe(201);
    conforms(out.DrainOut, drained.body);
    const twice = await call(drain, 'POST', '/api/v1/processors/proc_checkout/drain', { key: key(), params: p, body: { for: '90 min' } });
    expect(twice.status).toBe(409);
    const ended = await json(await call(drain, 'DELETE', '/api/v1/processors/proc_checkout/drain', { key: key(), params: p }));
    expect(ended.status).toBe(200);
    expect(ended.body.change.status).toBe('done');
    const bad = await json(await call(drain, 'POST', '/api/v1/processors/proc_checkout/drain', { key: key(), params: p, body: { for: 'forever' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(['for']);
  });
});
