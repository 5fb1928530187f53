import type { OutcomeCategory } from '../processors/schema';
import type { ServiceError } from '../result';
import { quote } from '../text/hostile';
import type { Segments } from './segments';

/**
 * The rules an attempt report is judged by, against the recorded decision and the attempts reported
 * for it so far. Pure: the service reads the decision and attempts, this decides.
 */
export interface AttemptReport {
  decision_id: string;
  /** When the decision was made (ms, from its id). */
  decidedAt: number;
  attempt: number;
  processor: string;
  outcome: OutcomeCategory;
  /** When it was tried (ms). */
  atMs: number;
  latency_ms?: number;
  decline_code?: string;
  fee?: number;
}

export interface StoredAttempt {
  decision_id: string;
  attempt: number;
  processor: string;
  outcome: OutcomeCategory;
  at: string;
  latency_ms: number | null;
  decline_code: string | null;
  fee: number | null;
  /** True when this attempt was already stored with the same report (nothing changed). */
  replayed: boolean;
}

export type ExistingAttempt = Omit<StoredAttempt, 'decision_id' | 'attempt' | 'replayed'>;

/** What a report is judged against: the decision as recorded. */
export interface RecordedForAttempts {
  outcome: string;
  candidates: readonly string[];
  segments: Segments;
}

export type Verdict = { ok: true; attempt: StoredAttempt } | { ok: false; error: ServiceError };

/** Reported times may run this far ahead of our clock, or before the decision (clock skew). */
export const SKEW_MS = 5 * 60_000;

export const unknownDecision = (id: string): ServiceError => ({
  code: 'not_found',
  message: `Decision ${quote(id)} does not exist (or is older than the retention). A decision made moments ago by another instance can take a second or two to be written: try again shortly.`,
});

export const refused = (path: (string | number)[], message: string): ServiceError => ({ code: 'validation', message: `Refused: ${message}.`, issues: [{ path, message }] });

/** Why `at` cannot be when the attempt was tried, or null. */
export function timeProblem(at: string | undefined, atMs: number, decidedAt: number, now: number): ServiceError | null {
  if (atMs > now + SKEW_MS) return refused(['at'], `${at} is in the future`);
  if (atMs < decidedAt - SKEW_MS) return refused(['at'], `${at} is before the decision (${new Date(decidedAt).toISOString()})`);
  return null;
}

/**
 * The same report again is a replay; another report of an attempt already reported is a conflict;
 * a blocked or unrouted decision takes no attempt; the processor must be a candidate; attempts come
 * in order, none after an approval, and an attempt that a later one follows was not approved.
 */
export function judge(report: AttemptReport, decision: RecordedForAttempts, attempts: ReadonlyMap<number, ExistingAttempt>): Verdict {
  const id = quote(report.decision_id);
  const already = attempts.get(report.attempt);
  if (already) {
    if (already.processor === report.processor && already.outcome === report.outcome) {
      return { ok: true, attempt: { decision_id: report.decision_id, attempt: report.attempt, ...already, replayed: true } };
    }
    return {
      ok: false,
      error: {
        code: 'conflict',
        message: `Attempt ${report.attempt} of decision ${id} was already reported as ${already.outcome} on ${already.processor}; a different report of it is refused.`,
        issues: [{ path: ['attempt'], message: `already reported as ${already.outcome} on ${already.processor}` }],
      },
    };
  }
  if (decision.outcome !== 'route') return { ok: false, error: refused(['attempt'], `decision ${id} was ${decision.outcome === 'blocked' ? 'blocked' : 'not routed'}: no processor was to be tried`) };
  if (!decision.candidates.includes(report.processor)) {
    return { ok: false, error: refused(['processor'], `${quote(report.processor)} was not a candidate of decision ${id} (candidates: ${decision.candidates.join(', ')})`) };
  }
  for (const [number, earlier] of attempts) {
    if (earlier.outcome === 'approved' && number < report.attempt) return { ok: false, error: refused(['attempt'], `attempt ${number} of decision ${id} was approved: no attempt follows an approval`) };
  }
  if (report.attempt > 1 && !attempts.has(report.attempt - 1)) {
    return { ok: false, error: refused(['attempt'], `attempt ${report.attempt} of decision ${id} was reported before attempt ${report.attempt - 1}: report attempts in order`) };
  }
  const later = [...attempts.keys()].find((n) => n > report.attempt);
  if (later !== undefined && report.outcome === 'approved') return { ok: false, error: refused(['outcome'], `attempt ${later} of decision ${id} follows this one, so it cannot have been approved`) };
  return {
    ok: true,
    attempt: {
      decision_id: report.decision_id, attempt: report.attempt, processor: report.processor, outcome: report.outcome, at: new Date(report.atMs).toISOString(),
      latency_ms: report.latency_ms ?? null, decline_code: report.decline_code ?? null, fee: report.fee ?? null, replayed: false,
    },
  };
}
