import 'server-only';
import { z } from 'zod';
import { getConnection } from '@/db';
import { decideWithoutScheme, decideWithRoute, type Decision, type Plan, type SimulatedDecision, type Transaction } from '@/lib/engine';
import { OUTCOME_CATEGORIES } from '@/lib/processors/schema';
import { simulateOne } from '@/lib/simulation';
import { lintTransaction, type TransactionWarning } from '@/lib/transactions';
import { checkTransaction } from '@/lib/transactions/reader';
import { armOf, transactionIdOf, type Arm } from '@/lib/rollouts/arm';
import { judgeShadow, type ShadowRecord } from '@/lib/rollouts/differences';
import { DecisionCache, VersionNotCompilable, type DecisionSnapshot, type LiveRollout } from './decision-cache';
import { newDecisionId } from './decision-id';
import { DecisionLog, decisionLogSettings, type DecisionLogEntry, type DecisionRecorder } from './decision-log';
import { forgetCountedBatches } from './decision-log-store';
import { batchWriter } from './decision-log-writer';
import { getSettings } from './settings';
import { maintainPartitions } from './traffic-partitions';
import { fail, notFound, ok, validationError, type Result, type ServiceError } from './result';
import { parseInput } from '@/lib/text/hostile';

export { DecisionCache } from './decision-cache';

/**
 * The decide service: one transaction → one decision, from the instance's in-memory cache (no
 * database query once warm). Which routing decides, in order of precedence:
 *   1. `processor_route_id`: that processor route, in order;
 *   2. `scheme_id` (+ `version`): that published version (without a version: the active version when
 *      this is the active scheme, else the scheme's latest);
 *   3. the active version;
 *   4. no active scheme: the account's routing mode.
 */
const decideShape = {
  transaction: z.record(z.string(), z.unknown()).describe('The payment to route: amount, currency, payment_method, card{...}, customer{...}, created_at, metadata{...}, …'),
  processor_route_id: z.string().min(1).max(128).optional().describe('Route with this processor route instead of the scheme.'),
  scheme_id: z.string().min(1).max(128).optional().describe('Decide with this scheme instead of the active one.'),
  version: z.number().int().positive().optional().describe('With scheme_id: this published version.'),
};

function refineTarget(value: { processor_route_id?: string; scheme_id?: string; version?: number }, ctx: z.RefinementCtx) {
  if (value.processor_route_id !== undefined && value.scheme_id !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['processor_route_id'], message: 'Give processor_route_id or scheme_id, not both' });
  }
  if (value.version !== undefined && value.scheme_id === undefined) {
    ctx.addIssue({ code: 'custom', path: ['version'], message: 'version needs scheme_id' });
  }
}

export const DecideRequestSchema = z.strictObject(decideShape).superRefine(refineTarget);
export type DecideRequest = z.infer<typeof DecideRequestSchema>;

export const SimulateRequestSchema = z
  .strictObject({
    ...decideShape,
    seed: z.number().int().optional().describe('Seed of the simulated outcomes; the same seed and transaction give the same attempts.'),
    forced: z.array(z.enum(OUTCOME_CATEGORIES)).max(20).optional().describe('Outcome of each attempt in turn; later attempts are drawn.'),
    trace: z.boolean().optional().describe('Include the per-rule trace.'),
  })
  .superRefine(refineTarget);

/**
 * How decide and simulate read the transaction. By default a field of the wrong type, unknown or
 * outside its attribute's domain reads as missing and is named in `warnings`; `strict=true` refuses
 * such a payment with 400 and every problem's path instead.
 */
export const DecideQuerySchema = z.object({
  strict: z.enum(['true', 'false']).optional().describe('`true`: refuse (400) a transaction with a wrong-typed, unknown or out-of-domain field instead of answering with `warnings`.'),
});

interface Answer {
  /** The scheme that decided: null when a route or the routing mode did. */
  scheme: { id: string; version: number } | null;
  /** What in the transaction the rules could not read, with its path; empty for a clean payment. */
  warnings: TransactionWarning[];
}
/** A decision as the API returns it; `decision_id` when the decision log records it (the id outcomes are reported against). */
export type DecideResponse = Omit<Decision, 'scheme'> & Answer & {
  decision_id?: string;
  /** While a canary runs (docs/rollouts.md): which arm answered, and the rollout. */
  arm?: Arm;
  rollout_id?: string;
};

/** Where decide records its answers, and for which API key. */
export interface Recording {
  log: DecisionRecorder;
  apiKeyId: string | null;
}
export type SimulateResponse = Omit<SimulatedDecision, 'scheme'> & Answer & { arm?: Arm; rollout_id?: string };

/**
 * Synchronous when the cache can answer from memory (warm, and no other version named than the active
 * one): the decide hot path creates no promise. A promise otherwise (cold cache, a version to load).
 * With `recording`, the answer gets a `decision_id` and is queued for the decision log (no I/O here).
 */
export function decide(cache: DecisionCache, input: unknown, query?: unknown, recording?: Recording): Result<DecideResponse> | Promise<Result<DecideResponse>> {
  const started = recording ? performance.now() : 0;
  const request = parseRequest(DecideRequestSchema, input, query);
  if (!request.ok) return request;
  const target = resolve(cache, request.value);
  const answer = (found: Result<Target>): Result<DecideResponse> => {
    if (!found.ok) return found;
    const warnings = lintTransaction(request.value.transaction, found.value.snapshot.context.catalog);
    if (warnings.length > 0 && request.value.strict) return fail(refusedInStrictMode(warnings));
    const tx = request.value.transaction;
    const rollout = found.value.live ? found.value.snapshot.rollout : null;
    const arm = rollout?.kind === 'canary' ? armOf(transactionIdOf(tx), rollout.id, rollout.shareBp) : null;
    const response = decideWith(found.value, tx, false, arm === 'canary' ? rollout : null);
    response.warnings = warnings;
    if (rollout && arm) {
      response.arm = arm;
      response.rollout_id = rollout.id;
    }
    if (recording) {
      // The shadow's answer is only kept in the decision log: without recording there is nothing to compare for.
      const running = rollout ? { id: rollout.id, arm, shadow: rollout.kind === 'shadow' ? shadowOf(rollout, tx, found.value.snapshot, response) : null } : undefined;
      record(recording, response, tx, found.value.snapshot, started, running);
    }
    return ok(response);
  };
  return target instanceof Promise ? target.then(answer) : answer(target);
}

/** The shadow's final answer against the live one; a shadow that throws is a difference, never a failed decide. */
function shadowOf(rollout: LiveRollout, tx: Transaction, snapshot: DecisionSnapshot, live: DecideResponse): ShadowRecord {
  try {
    return judgeShadow(live, rollout.plan.decide(tx, snapshot.processors));
  } catch (error) {
    return { error: error instanceof Error ? error.message.slice(0, 200) : 'the shadow failed' };
  }
}

function record(recording: Recording, response: DecideResponse, transaction: Transaction, snapshot: DecisionSnapshot, started: number, rollout?: { id: string; arm: Arm | null; shadow: ShadowRecord | null }): void {
  const latencyUs = Math.round((performance.now() - started) * 1000);
  const at = Date.now();
  const id = newDecisionId(at);
  response.decision_id = id;
  const entry: DecisionLogEntry = { id, at, latencyUs, apiKeyId: recording.apiKeyId, transaction, decision: response, redacted: snapshot.redacted };
  if (rollout) entry.rollout = rollout;
  recording.log.record(entry);
}

/**
 * One simulated payment: the same decision as `decide` (same target rules), plus the attempts through
 * the cascade with forced or seeded outcomes. Routing-mode and processor-route decisions have no
 * cascade policy: one attempt.
 */
export async function simulateTransaction(cache: DecisionCache, input: unknown, query?: unknown): Promise<Result<SimulateResponse>> {
  const request = parseRequest(SimulateRequestSchema, input, query);
  if (!request.ok) return request;
  const target = await resolve(cache, request.value);
  if (!target.ok) return target;
  const { transaction, seed, forced, trace } = request.value;
  const t = target.value;
  const warnings = lintTransaction(transaction, t.snapshot.context.catalog);
  if (warnings.length > 0 && request.value.strict) return fail(refusedInStrictMode(warnings));
  // While a canary runs, the payment is simulated on the arm it would take.
  const canary = t.live && t.snapshot.rollout?.kind === 'canary' ? t.snapshot.rollout : null;
  const arm = canary ? armOf(transactionIdOf(transaction), canary.id, canary.shareBp) : null;
  const onCanary = arm === 'canary' ? canary : null;
  const plan: Plan = onCanary?.plan ?? t.plan ?? { document: undefined as never, decide: (tx, _set, options) => decideWith(t, tx, options?.trace) as unknown as Decision, cascadeOf: () => undefined };
  const simulated = simulateOne(plan, transaction, t.snapshot.processors, { ...(seed !== undefined ? { seed } : {}), ...(forced ? { forced } : {}), ...(trace ? { trace } : {}) });
  const response = simulated as unknown as SimulateResponse;
  response.scheme = onCanary ? { id: onCanary.schemeId, version: onCanary.version } : t.scheme;
  response.warnings = warnings;
  if (canary && arm) {
    response.arm = arm;
    response.rollout_id = canary.id;
  }
  return ok(response);
}

/** Strict mode's 400: every problem, at its path from the request body. */
function refusedInStrictMode(warnings: TransactionWarning[]): ServiceError {
  return {
    code: 'validation',
    message: `The transaction has ${warnings.length === 1 ? 'a field' : `${warnings.length} fields`} the rules cannot read (strict mode refuses it; without strict=true it is decided with them as missing).`,
    issues: warnings.map((w) => ({ path: ['transaction', ...w.path], message: w.message })),
  };
}

interface Target {
  snapshot: DecisionSnapshot;
  plan: Plan | null;
  scheme: { id: string; version: number } | null;
  routeId: string | null;
  /** The active version, reached without naming a version: a running rollout applies. */
  live: boolean;
}

function parseRequest<S extends typeof DecideRequestSchema | typeof SimulateRequestSchema>(schema: S, input: unknown, query: unknown): Result<z.output<S> & { strict: boolean }> {
  let strict = false;
  // No query at all (the usual decide call) is the default: not strict, and nothing to parse.
  if (query !== undefined) {
    const options = DecideQuerySchema.safeParse(query);
    if (!options.success) return fail(validationError(options.error));
    strict = options.data.strict === 'true';
  }
  const parsed = parseInput(schema as typeof SimulateRequestSchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const tx = checkTransaction(parsed.data.transaction);
  if (!tx.ok) return fail({ code: 'validation', message: tx.issue.message, issues: [tx.issue] });
  const request = parsed.data as z.output<S> & { strict: boolean };
  request.strict = strict;
  return ok(request);
}

function resolve(cache: DecisionCache, request: DecideRequest): Result<Target> | Promise<Result<Target>> {
  const snapshot = cache.snapshot();
  if (!snapshot) return cache.ready().then((loaded) => resolveIn(cache, loaded, request));
  return resolveIn(cache, snapshot, request);
}

function resolveIn(cache: DecisionCache, snapshot: DecisionSnapshot, request: DecideRequest): Result<Target> | Promise<Result<Target>> {
  if (request.processor_route_id !== undefined) {
    if (!snapshot.routes.has(request.processor_route_id)) return fail(notFound('Processor route', request.processor_route_id));
    return ok({ snapshot, plan: null, scheme: null, routeId: request.processor_route_id, live: false });
  }
  const active = snapshot.active;
  if (request.scheme_id === undefined || (active && active.schemeId === request.scheme_id && (request.version ?? active.version) === active.version)) {
    return ok({ snapshot, plan: active?.plan ?? null, scheme: active ? { id: active.schemeId, version: active.version } : null, routeId: null, live: request.version === undefined });
  }
  return resolveVersion(cache, snapshot, request.scheme_id, request.version);
}

async function resolveVersion(cache: DecisionCache, snapshot: DecisionSnapshot, schemeId: string, version: number | undefined): Promise<Result<Target>> {
  try {
    const found = await cache.versionPlan(schemeId, version);
    if (!found) return fail(notFound(version === undefined ? 'A published version of scheme' : `Version ${version} of scheme`, schemeId));
    return ok({ snapshot: cache.snapshot() ?? snapshot, plan: found.plan, scheme: { id: found.schemeId, version: found.version }, routeId: null, live: false });
  } catch (error) {
    if (error instanceof VersionNotCompilable) {
      return fail({ code: 'conflict', message: error.message, issues: error.problems.map((message) => ({ path: ['version'], message })) });
    }
    throw error;
  }
}

/** `canary`: the canary arm answers instead of the target's version. */
function decideWith(target: Target, tx: Transaction, trace?: boolean, canary?: LiveRollout | null): DecideResponse {
  const { snapshot } = target;
  const options = trace ? { trace: true } : undefined;
  let decision: Decision;
  if (canary) decision = canary.plan.decide(tx, snapshot.processors, options);
  else if (target.routeId !== null) decision = decideWithRoute(tx, snapshot.routes.get(target.routeId)!, snapshot.processors, options);
  else if (target.plan) decision = target.plan.decide(tx, snapshot.processors, options);
  else decision = decideWithoutScheme(tx, snapshot.routing, snapshot.processors, options);
  const response = decision as unknown as DecideResponse;
  response.scheme = canary ? { id: canary.schemeId, version: canary.version } : target.scheme;
  return response;
}

/** The app's one cache per process, shared by the route handler and the dedicated decide server; and its decision log. */
const holder = globalThis as unknown as {
  __switchyardDecisionCache?: Promise<DecisionCache>;
  __switchyardDecisionCacheReady?: DecisionCache;
  /** null: recording is off (SWITCHYARD_DECISION_LOG=off). */
  __switchyardDecisionLog?: DecisionLog | null;
};

/** Opens the cache once: loads the published versions and listens for announcements of new ones. */
function openDecisionCache(): Promise<DecisionCache> {
  holder.__switchyardDecisionCache ??= (async () => {
    const connection = await getConnection();
    const cache = new DecisionCache(connection);
    await cache.start();
    await cache.ready().catch(() => {}); // warm now; a cold cache with no database answers 503 until it can load
    return (holder.__switchyardDecisionCacheReady = cache);
  })().catch((error: unknown) => {
    holder.__switchyardDecisionCache = undefined;
    throw error;
  });
  return holder.__switchyardDecisionCache;
}

/** The cache once it exists, without a promise (the decide hot path); else the promise of it (`await` either). */
export function decisionCache(): DecisionCache | Promise<DecisionCache> {
  return holder.__switchyardDecisionCacheReady ?? openDecisionCache();
}

/**
 * One decision from this instance's cache, recorded in its decision log for the calling API key:
 * what POST /api/v1/decide answers on either server path (synchronous once warm).
 */
export function decideWithAppCache(input: unknown, query?: unknown, apiKeyId: string | null = null): Result<DecideResponse> | Promise<Result<DecideResponse>> {
  const cache = decisionCache();
  const log = decisionLog();
  const recording = log ? { log, apiKeyId } : undefined;
  return cache instanceof Promise ? cache.then((c) => decide(c, input, query, recording)) : decide(cache, input, query, recording);
}

/** This instance's decision log, started on first use; null when recording is off. */
export function decisionLog(): DecisionLog | null {
  if (holder.__switchyardDecisionLog === undefined) holder.__switchyardDecisionLog = openDecisionLog();
  return holder.__switchyardDecisionLog;
}

/**
 * The log writes to the database the cache reads (in tests, the test's own), once the cache exists;
 * until then writes fail and entries wait in the buffer.
 */
function openDecisionLog(): DecisionLog | null {
  const settings = decisionLogSettings();
  if (!settings.on) return null;
  const source = () => holder.__switchyardDecisionCacheReady?.source;
  const database = () => source()?.db;
  const log = new DecisionLog({
    capacity: settings.capacity,
    flushMs: settings.flushMs,
    packMs: settings.packMs,
    write: batchWriter(source, settings.writer),
    maintain: async () => {
      const db = database();
      if (!db) return false;
      const { retention_days } = await getSettings(db);
      await maintainPartitions(db, retention_days);
      await forgetCountedBatches(db, retention_days);
      return true;
    },
  });
  log.start();
  return log;
}

/** Tests give the app a decision log of their own (or none: null). */
export function setDecisionLog(log: DecisionLog | null | undefined): void {
  holder.__switchyardDecisionLog = log;
}

/** Tests point the app's decide path at a cache of their own. */
export function setDecisionCache(cache: DecisionCache | undefined): void {
  holder.__switchyardDecisionCache = cache ? Promise.resolve(cache) : undefined;
  holder.__switchyardDecisionCacheReady = cache;
}
