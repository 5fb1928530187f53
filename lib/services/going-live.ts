import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { approvalRequests, auditEntries, schemes, schemeVersions, settings } from '@/db/schema';
import { compile, indexProcessors } from '@/lib/engine';
import { requireRole } from './access';
import { write } from './write';
import { loadCompileContext } from './compile-context';
import type { ServiceContext } from './context';
import { applyRolloutAction, type RolloutAction } from './rollout-actions';
import { activateVersion, deactivateScheme, publishScheme, PublishInputSchema, type PublishOutcome, type VersionSummary } from './publishing';
import { ACCOUNT_ID, getSettings } from './settings';
import { listTestCases, runTestCases, type TestRun } from './test-cases';
import { databaseNow, insertChange } from './scheduled-changes';
import { fail, notFound, ok, validationError, type Result } from './result';
import { aFlag, anId, aRevision, aVersion, checkArguments, isId } from './arguments';
import { parseInput } from '@/lib/text/hostile';

/*
 * Going live: activating a version (or rolling back to one) and publishing. Each says first what it
 * changes; with four-eyes on, a publisher's publish or activation becomes a request that a different
 * publisher or admin approves (then it runs) or rejects, with a comment.
 */

export interface ActivationPreview {
  scheme_id: string;
  scheme_name: string;
  version: number;
  /** What is live now; null when no scheme is active. */
  replaces: { scheme_id: string; scheme_name: string; version: number } | null;
  rollback: boolean;
  /** The scheme's saved test cases run against this version; null when it no longer compiles. */
  tests: TestRun | null;
  /** "EU cards first v3 replaces Sanctions v2 as the live routing for all traffic." */
  summary: string;
}

/** What the confirmation dialog shows, and what confirming it answers. */
export type PreviewResult = { ok: true; preview: ActivationPreview } | { ok: false; message: string };
export type GoLiveResult =
  | { status: 'live'; message: string; href: string }
  | { status: 'requested'; message: string }
  | { status: 'error'; message: string };

async function schemeName(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ name: schemes.name }).from(schemes).where(eq(schemes.id, id));
  return row?.name ?? null;
}

/** What activating `version` would change, in words, with the test cases' results against it. */
export async function previewActivation(db: Db, schemeId: string, version: number): Promise<Result<ActivationPreview>> {
  const args = checkArguments({ scheme_id: anId(schemeId), version: aVersion(version) });
  if (!args.ok) return args;
  const [row] = await db.select().from(schemeVersions).where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.version, version)));
  const name = await schemeName(db, schemeId);
  if (!row || !name) return fail(notFound(`Version ${version} of scheme`, schemeId));
  const account = await getSettings(db);
  const replaces = account.active_scheme_id && account.active_version !== null
    ? { scheme_id: account.active_scheme_id, scheme_name: (await schemeName(db, account.active_scheme_id)) ?? account.active_scheme_id, version: account.active_version }
    : null;
  const context = await loadCompileContext(db);
  const compiled = compile(row.document, context);
  const tests = compiled.ok ? runTestCases(compiled.plan, indexProcessors(context.registry.processors), await listTestCases(db, schemeId)) : null;
  const rollback = replaces?.scheme_id === schemeId && version < replaces.version;
  const summary = replaces
    ? `${name} v${version} replaces ${replaces.scheme_name} v${replaces.version} as the live routing for all traffic.`
    : `${name} v${version} becomes the live routing for all traffic (no scheme is live now; the routing mode decides).`;
  return ok({ scheme_id: schemeId, scheme_name: name, version, replaces, rollback, tests, summary });
}

export async function fourEyesOn(db: Db): Promise<boolean> {
  await getSettings(db); // creates the account row on first use
  const [row] = await db.select({ on: settings.fourEyes }).from(settings).where(eq(settings.id, ACCOUNT_ID));
  return row?.on ?? false;
}

/** Admins turn four-eyes on or off for the account. */
export async function setFourEyes(ctx: ServiceContext, on: boolean): Promise<Result<{ four_eyes: boolean }>> {
  const args = checkArguments({ four_eyes: aFlag(on) });
  if (!args.ok) return args;
  const before = await fourEyesOn(ctx.db);
  return write(ctx, 'admin', async (tx, audit) => {
    await tx.update(settings).set({ fourEyes: on, updatedAt: new Date() }).where(eq(settings.id, ACCOUNT_ID));
    await audit({ action: 'update', entity: 'settings', entityId: ACCOUNT_ID, detail: { four_eyes: { before, after: on } } });
    return ok({ four_eyes: on });
  });
}

export interface ApprovalRequest {
  id: string;
  kind: 'publish' | 'activate' | 'rollout';
  scheme_id: string;
  scheme_name: string;
  version: number | null;
  draft_revision: number | null;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_by_email: string;
  requested_at: string;
  decided_by_email: string | null;
  decided_at: string | null;
  comment: string | null;
  result_version: number | null;
  /** "Publish revision 7 of EU cards first" / "Activate EU cards first v3". */
  summary: string;
}

type RequestRow = typeof approvalRequests.$inferSelect;

function toRequest(row: RequestRow, name: string): ApprovalRequest {
  const note = typeof row.input.note === 'string' && row.input.note ? row.input.note : null;
  const when = scheduledFor(row);
  const summary = row.kind === 'publish'
    ? `Publish revision ${row.draftRevision} of ${name}${row.input.activate ? ' and make it live' : ''}`
    : row.kind === 'rollout'
      ? rolloutRequestSummary(row.input as unknown as RolloutAction, name, row.version)
      : `Make ${name} v${row.version} the live routing${when ? ` at ${when.local_time.replace('T', ' ')} ${when.zone} (${when.run_at.slice(0, 16).replace('T', ' ')} UTC)` : ''}`;
  return {
    id: row.id,
    kind: row.kind,
    scheme_id: row.schemeId,
    scheme_name: name,
    version: row.version,
    draft_revision: row.draftRevision,
    note,
    status: row.status,
    requested_by: row.requestedBy,
    requested_by_email: row.requestedByEmail,
    requested_at: row.requestedAt.toISOString(),
    decided_by_email: row.decidedByEmail,
    decided_at: row.decidedAt?.toISOString() ?? null,
    comment: row.comment,
    result_version: row.resultVersion,
    summary,
  };
}

export type GoLiveOutcome<T> = { status: 'done'; value: T } | { status: 'requested'; request: ApprovalRequest };

/** For callers that only go live directly (the API): a request, which only a signed-in user can make, is not an answer. */
export function doneOnly<T>(result: Result<GoLiveOutcome<T>>): Result<T> {
  if (!result.ok) return result;
  return result.value.status === 'done' ? ok(result.value.value) : fail({ code: 'conflict', message: `Sent for approval instead: ${result.value.request.summary}.` });
}

const requester = (ctx: ServiceContext): Result<{ id: string; email: string }> =>
  ctx.actor.kind === 'user'
    ? ok({ id: ctx.actor.id, email: ctx.actor.email })
    : fail({ code: 'conflict', message: 'Four-eyes approval is on: publishing and activation are requested and approved by people signed in to the app.' });

/** Makes a pending four-eyes request (publish, activate, or a rollout change from lib/services/rollouts.ts). */
export async function createRequest(ctx: ServiceContext, values: Pick<RequestRow, 'kind' | 'schemeId' | 'version' | 'draftRevision' | 'input'>): Promise<Result<ApprovalRequest>> {
  const who = requester(ctx);
  if (!who.ok) return who;
  const name = (await schemeName(ctx.db, values.schemeId)) ?? values.schemeId;
  const id = `apr_${randomBytes(8).toString('hex')}`;
  return write(ctx, 'publisher', async (tx, audit) => {
    const [inserted] = await tx.insert(approvalRequests).values({ id, ...values, requestedBy: who.value.id, requestedByEmail: who.value.email }).returning();
    await audit({
      action: 'request',
      entity: 'approval_request',
      entityId: id,
      detail: { scheme_id: values.schemeId, kind: values.kind, version: values.version, draft_revision: values.draftRevision, ...(scheduledFor(values) ? { run_at: scheduledFor(values)!.run_at } : {}) },
    });
    return ok(toRequest(inserted!, name));
  });
}

/** Activate (or roll back to) a version now, or, with four-eyes on, request it. */
export async function goLiveWithVersion(ctx: ServiceContext, schemeId: string, version: number): Promise<Result<GoLiveOutcome<VersionSummary>>> {
  const args = checkArguments({ scheme_id: anId(schemeId), version: aVersion(version) });
  if (!args.ok) return args;
  const allowed = requireRole(ctx, 'publisher');
  if (!allowed.ok) return allowed;
  const preview = await previewActivation(ctx.db, schemeId, version);
  if (!preview.ok) return preview;
  if (await fourEyesOn(ctx.db)) {
    const request = await createRequest(ctx, { kind: 'activate', schemeId, version, draftRevision: null, input: {} });
    return request.ok ? ok({ status: 'requested', request: request.value }) : request;
  }
  const done = await activateVersion(ctx, schemeId, version);
  return done.ok ? ok({ status: 'done', value: done.value }) : done;
}

/** When an activation request is for later: the instant, and the local time and zone it was typed in. */
export interface ScheduledFor {
  run_at: string;
  zone: string;
  local_time: string;
}

function scheduledFor(row: Pick<RequestRow, 'input'>): ScheduledFor | null {
  const when = row.input.schedule as ScheduledFor | undefined;
  return when && typeof when.run_at === 'string' ? when : null;
}

/** With four-eyes on, a scheduled activation is a request carrying its time; approving it arms the schedule. */
export async function requestScheduledActivation(ctx: ServiceContext, schemeId: string, version: number, when: ScheduledFor): Promise<Result<ApprovalRequest>> {
  const args = checkArguments({ scheme_id: anId(schemeId), version: aVersion(version) });
  if (!args.ok) return args;
  return createRequest(ctx, { kind: 'activate', schemeId, version, draftRevision: null, input: { schedule: when } });
}

/** Approving a scheduled activation arms it: the change waits in scheduled_changes for its time. */
async function armSchedule(ctx: ServiceContext, row: RequestRow, when: ScheduledFor): Promise<Result<unknown>> {
  if (new Date(when.run_at).getTime() <= (await databaseNow(ctx.db)).getTime()) {
    return fail({ code: 'conflict', message: `Its time (${when.local_time.replace('T', ' ')} ${when.zone}) has passed: reject this request and schedule it again.` });
  }
  return write(ctx, 'publisher', async (tx, audit) => {
    const change = await insertChange(tx, {
      kind: 'activate', runAt: new Date(when.run_at), zone: when.zone, localTime: when.local_time, subject: `scheme:${row.schemeId}`,
      scheduledBy: row.requestedByEmail, payload: { scheme_id: row.schemeId, version: row.version, request_id: row.id },
    });
    await audit({ action: 'schedule', entity: 'scheduled_change', entityId: change.id, detail: { kind: 'activate', scheme_id: row.schemeId, version: row.version, request_id: row.id, ...when } });
    return ok(change);
  });
}

/** Publish the draft now, or, with four-eyes on, request it (the compile and tests run again on approval). */
export async function publishOrRequest(ctx: ServiceContext, schemeId: string, input: unknown): Promise<Result<GoLiveOutcome<PublishOutcome>>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  const allowed = requireRole(ctx, 'publisher');
  if (!allowed.ok) return allowed;
  const parsed = parseInput(PublishInputSchema, input ?? {});
  if (!parsed.success) return fail(validationError(parsed.error));
  const [scheme] = await ctx.db.select({ revision: schemes.revision }).from(schemes).where(eq(schemes.id, schemeId));
  if (!scheme) return fail(notFound('Scheme', schemeId));
  const revision = parsed.data.expected_revision ?? scheme.revision;
  const already = await publishedAs(ctx.db, schemeId, scheme.revision);
  if (already !== null) return fail(alreadyPublished(scheme.revision, already));
  if (await fourEyesOn(ctx.db)) {
    const request = await createRequest(ctx, { kind: 'publish', schemeId, version: null, draftRevision: revision, input: { ...parsed.data, expected_revision: revision } });
    return request.ok ? ok({ status: 'requested', request: request.value }) : request;
  }
  const done = await publishScheme(ctx, schemeId, input);
  return done.ok ? ok({ status: 'done', value: done.value }) : done;
}

/** No scheme live: the routing mode decides again. Publishers only; not subject to four-eyes (it stops a scheme, it starts none). */
export async function stopLiveScheme(ctx: ServiceContext) {
  return deactivateScheme(ctx);
}

/** The version a draft revision was published as, or null. */
export async function publishedAs(db: Db, schemeId: string, revision: number): Promise<number | null> {
  if (!isId(schemeId) || aRevision(revision) !== undefined) return null;
  const [row] = await db.select({ version: schemeVersions.version }).from(schemeVersions).where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.draftRevision, revision)));
  return row?.version ?? null;
}

export const alreadyPublished = (revision: number, version: number) => ({
  code: 'conflict' as const,
  message: `Revision ${revision} is already published as version ${version}; change the draft to publish a new version, or activate v${version}.`,
});

const DecisionSchema = z.strictObject({ comment: z.string().trim().max(2000).default('') });

/**
 * A different publisher or admin approves a pending request: the publish or activation runs now, as
 * it would have, and the request records who approved it. A failure (the draft changed since the
 * request, a version that no longer compiles) leaves the request pending and says why.
 */
export async function approveRequest(ctx: ServiceContext, id: string, input: unknown): Promise<Result<ApprovalRequest>> {
  return decide(ctx, id, input, 'approved');
}

/** A different publisher or admin rejects a pending request; a comment saying why is required. */
export async function rejectRequest(ctx: ServiceContext, id: string, input: unknown): Promise<Result<ApprovalRequest>> {
  return decide(ctx, id, input, 'rejected');
}

async function decide(ctx: ServiceContext, id: string, input: unknown, status: 'approved' | 'rejected'): Promise<Result<ApprovalRequest>> {
  const args = checkArguments({ request_id: anId(id) });
  if (!args.ok) return args;
  const allowed = requireRole(ctx, 'publisher');
  if (!allowed.ok) return allowed;
  const parsed = parseInput(DecisionSchema, input ?? {});
  if (!parsed.success) return fail(validationError(parsed.error));
  const { comment } = parsed.data;
  if (status === 'rejected' && !comment) return fail({ code: 'validation', message: 'Say why the request is rejected.', issues: [{ path: ['comment'], message: 'Required when rejecting' }] });
  const who = requester(ctx);
  if (!who.ok) return who;
  const [row] = await ctx.db.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  if (!row) return fail(notFound('Approval request', id));
  if (row.status !== 'pending') return fail({ code: 'conflict', message: `This request was already ${row.status} by ${row.decidedByEmail ?? 'someone'}.` });
  if (row.requestedBy === who.value.id) return fail({ code: 'forbidden', message: 'You made this request: a different publisher or admin must approve or reject it.' });

  // One transaction: the publish or activation (a savepoint inside it), the request's decision and
  // both audit entries commit together or not at all.
  return write(ctx, 'publisher', async (tx, audit) => {
    const inner: ServiceContext = { ...ctx, db: tx };
    let resultVersion: number | null = null;
    if (status === 'approved') {
      const when = scheduledFor(row);
      const done = when
        ? await armSchedule(inner, row, when)
        : row.kind === 'activate'
          ? await activateVersion(inner, row.schemeId, row.version!)
          : row.kind === 'rollout'
            ? await applyRolloutAction(inner, row.input as unknown as RolloutAction)
            : await publishScheme(inner, row.schemeId, row.input);
      if (!done.ok) return done;
      const value = done.value as { version?: unknown };
      resultVersion = typeof value.version === 'object' && value.version !== null ? (value.version as { version: number }).version : row.version;
    }
    const [next] = await tx
      .update(approvalRequests)
      .set({ status, decidedBy: who.value.id, decidedByEmail: who.value.email, decidedAt: new Date(), comment: comment || null, resultVersion })
      .where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, 'pending')))
      .returning();
    if (!next) return fail({ code: 'conflict', message: 'Someone else decided this request at the same moment.' });
    await audit({
      action: status === 'approved' ? 'approve' : 'reject',
      entity: 'approval_request',
      entityId: id,
      detail: { scheme_id: row.schemeId, kind: row.kind, requested_by: row.requestedByEmail, comment: comment || null, version: resultVersion ?? row.version, ...(scheduledFor(row) ? { run_at: scheduledFor(row)!.run_at } : {}) },
    });
    return ok(toRequest(next, (await schemeName(tx, row.schemeId)) ?? row.schemeId));
  });
}

/** Requests waiting for a second pair of eyes, oldest first (the dashboard lists them). */
export async function pendingRequests(db: Db, schemeId?: string): Promise<ApprovalRequest[]> {
  if (schemeId !== undefined && !isId(schemeId)) return [];
  const rows = await db
    .select({ request: approvalRequests, name: schemes.name })
    .from(approvalRequests)
    .innerJoin(schemes, eq(schemes.id, approvalRequests.schemeId))
    .where(schemeId ? and(eq(approvalRequests.status, 'pending'), eq(approvalRequests.schemeId, schemeId)) : eq(approvalRequests.status, 'pending'))
    .orderBy(approvalRequests.requestedAt);
  return rows.map((r) => toRequest(r.request, r.name));
}

export interface HistoryEvent {
  at: string;
  actor: string;
  action: string;
  /** "published v3", "activated v2 (rollback from v3)", "approved: …" */
  text: string;
}

/**
 * What happened to a scheme's versions, newest first: publishes, activations, rollbacks,
 * deactivations, four-eyes requests and decisions, with who and when (from the audit trail).
 */
export async function versionEvents(db: Db, schemeId: string, limit = 100): Promise<HistoryEvent[]> {
  if (!isId(schemeId)) return [];
  const rows = await db
    .select()
    .from(auditEntries)
    .where(or(
      and(eq(auditEntries.entity, 'scheme_version'), like(auditEntries.entityId, `${schemeId.replace(/[\\%_]/g, (c) => `\\${c}`)}@%`)),
      and(inArray(auditEntries.entity, ['approval_request', 'settings', 'rollout']), sql`${auditEntries.detail}->>'scheme_id' = ${schemeId}`),
      and(eq(auditEntries.action, 'deactivate'), sql`${auditEntries.detail}->'previous'->>'schemeId' = ${schemeId}`),
    ))
    .orderBy(desc(auditEntries.id))
    .limit(limit);
  return rows.map((row) => ({ at: row.at.toISOString(), actor: row.actor, action: row.action, text: describe(row) }));
}

function describe(row: typeof auditEntries.$inferSelect): string {
  const detail = (row.detail ?? {}) as Record<string, unknown>;
  const version = row.entityId.includes('@') ? `v${row.entityId.split('@').pop()}` : detail.version ? `v${String(detail.version)}` : '';
  const previous = detail.previous as { schemeId?: string | null; version?: number | null } | undefined;
  switch (row.action) {
    case 'publish':
      return `published ${version}`;
    case 'publish_and_activate':
      return `published ${version} and made it live`;
    case 'activate': {
      const from = previous?.version != null && previous.schemeId === row.entityId.split('@')[0] ? previous.version : null;
      const to = Number(row.entityId.split('@').pop());
      return from !== null && to < from ? `rolled back to ${version} (from v${from})` : `made ${version} live${from !== null ? ` (was v${from})` : ''}`;
    }
    case 'deactivate':
      return `deactivated v${previous?.version ?? '?'}: the routing mode decides`;
    case 'request':
      if (detail.kind === 'rollout') return `requested a rollout change of ${version}`;
      return detail.kind === 'publish' ? `requested publishing revision ${String(detail.draft_revision)}` : `requested making ${version} live${detail.run_at ? ` at ${String(detail.run_at).slice(0, 16).replace('T', ' ')} UTC` : ''}`;
    case 'approve':
      return `approved ${String(detail.requested_by)}'s request${detail.kind === 'publish' ? ` (published ${version})` : detail.kind === 'rollout' ? ` (rollout change of ${version})` : detail.run_at ? ` (${version} goes live at ${String(detail.run_at).slice(0, 16).replace('T', ' ')} UTC)` : ` (${version} is live)`}${detail.comment ? `: “${String(detail.comment)}”` : ''}`;
    case 'reject':
      return `rejected ${String(detail.requested_by)}'s request: “${String(detail.comment)}”`;
    case 'start':
      return detail.kind === 'shadow' ? `started a shadow of ${version}` : `started a canary of ${version} on ${String(detail.share_percent)}% of traffic`;
    case 'share': {
      const share = detail.share_bp as { before: number; after: number } | undefined;
      return `changed the canary share of ${version} from ${(share?.before ?? 0) / 100}% to ${(share?.after ?? 0) / 100}%`;
    }
    case 'stop':
      return `stopped the rollout of ${version}`;
    case 'trip':
      return `stopped the canary of ${version}: its approval rate fell ${Number(detail.drop_points ?? 0).toFixed(1)} points below the live version's`;
    case 'promote':
      return `promoted the rollout of ${version} to all traffic`;
    default:
      return row.action;
  }
}

function rolloutRequestSummary(action: RolloutAction, name: string, version: number | null): string {
  switch (action.action) {
    case 'start':
      return action.settings.kind === 'shadow' ? `Run ${name} v${version} in shadow` : `Send ${action.settings.share_percent}% of traffic to ${name} v${version} (canary)`;
    case 'share':
      return `Change the canary share of ${name} v${version} to ${action.share_percent}%`;
    case 'stop':
      return `Stop the rollout of ${name} v${version}`;
    case 'promote':
      return `Promote ${name} v${version} to all traffic`;
  }
}
