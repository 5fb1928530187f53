import 'server-only';
import { parseJsonLinesRecords } from '@/lib/simulation';
import { reportAttemptLines } from './attempts';
import type { ServiceContext } from './context';
import type { DecisionLog } from './decision-log';
import type { ServiceError } from './result';

export type AttemptLineOutcome =
  | { kind: 'refused'; line: number; error: ServiceError }
  | { kind: 'summary'; lines: number; stored: number; replayed: number; refused: number };

/** Lines applied per transaction (and per audit entry) by the backfill. */
const CHUNK = 5000;
/** A report is a few hundred bytes; a line far longer is not one. */
const MAX_LINE = 4096;

/**
 * POST /attempts: JSON lines in, applied CHUNK lines at a time as they stream in. A line that cannot
 * be read or is refused is reported with its number and the rest are applied (reports are
 * idempotent, so sending the corrected file again stores only what was missing). Yields each
 * refusal as it is found, then one summary.
 */
export async function* reportAttemptsJsonLines(ctx: ServiceContext, chunks: AsyncIterable<string>, pending: DecisionLog | null = null): AsyncGenerator<AttemptLineOutcome> {
  const summary = { kind: 'summary' as const, lines: 0, stored: 0, replayed: 0, refused: 0 };
  let batch: { line: number; value: unknown }[] = [];
  const apply = async function* (): AsyncGenerator<AttemptLineOutcome> {
    const applied = await reportAttemptLines(ctx, batch, pending);
    const verdicts = applied.ok ? applied.value : batch.map(({ line }) => ({ line, verdict: { ok: false as const, error: applied.error } }));
    batch = [];
    for (const { line, verdict } of verdicts) {
      if (!verdict.ok) {
        summary.refused++;
        yield { kind: 'refused', line, error: verdict.error };
      } else if (verdict.attempt.replayed) summary.replayed++;
      else summary.stored++;
    }
  };
  for await (const records of parseJsonLinesRecords(chunks, { maxLineLength: MAX_LINE })) {
    for (const record of records) {
      summary.lines++;
      if (!record.ok) {
        summary.refused++;
        yield { kind: 'refused', line: record.line, error: { code: 'validation', message: `Line ${record.line}: ${record.error}.`, issues: [{ path: [], message: record.error }] } };
      } else batch.push({ line: record.line, value: record.transaction });
      if (batch.length >= CHUNK) yield* apply();
    }
  }
  if (batch.length > 0) yield* apply();
  yield summary;
}
