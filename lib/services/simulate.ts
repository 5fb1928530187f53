import 'server-only';
import { z } from 'zod';
import { parseJsonLinesRecords } from '@/lib/simulation';
import { MAX_TRANSACTION_BYTES } from '@/lib/transactions/reader';
import { simulateTransaction, type DecisionCache } from './decisions';
import { fail, ok, validationError, type Result } from './result';
import { decimalFromText } from '@/lib/api/query-number';
import { parseInput } from '@/lib/text/hostile';

/**
 * Batch simulation over JSON lines: each line is simulated exactly as one POST /simulate with the
 * batch's target and seed would be, from the same in-memory decision cache.
 */
export const BatchTargetSchema = z.strictObject({
  processor_route_id: z.string().min(1).max(128).optional().describe('Route every payment with this processor route.'),
  scheme_id: z.string().min(1).max(128).optional().describe('Simulate this scheme instead of the active one.'),
  version: decimalFromText(z.int({ error: 'A version is a whole number from 1, written in decimal' }).positive()).optional().describe('With scheme_id: this published version.'),
  seed: decimalFromText(z.int({ error: 'A seed is a whole number, written in decimal' })).optional().describe('Seed of the simulated outcomes.'),
});
export type BatchTarget = z.output<typeof BatchTargetSchema>;

/** Checks the target once, before any line streams, so a bad target is a plain error status. */
export async function prepareBatch(cache: DecisionCache, input: unknown): Promise<Result<BatchTarget>> {
  const parsed = parseInput(BatchTargetSchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const probe = await simulateTransaction(cache, { ...parsed.data, transaction: {} });
  return probe.ok ? ok(parsed.data) : probe;
}

/** JSON lines in, JSON lines out, in order, as the input streams in; a bad line answers `{"line", "error"}` and the run goes on. */
export async function* simulateJsonLines(cache: DecisionCache, target: BatchTarget, chunks: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const records of parseJsonLinesRecords(chunks, { maxLineLength: MAX_TRANSACTION_BYTES })) {
    let out = '';
    for (const record of records) {
      if (!record.ok) {
        out += `${JSON.stringify({ line: record.line, error: record.error })}\n`;
        continue;
      }
      const simulated = await simulateTransaction(cache, { ...target, transaction: record.transaction });
      out += `${JSON.stringify(simulated.ok ? { line: record.line, ...simulated.value } : { line: record.line, error: simulated.error.message })}\n`;
    }
    yield out;
  }
}
