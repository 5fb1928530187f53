import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { schemeVersions } from '@/db/schema';
import { compile, indexProcessors, type Plan, type ProcessorSet, type SimulatedDecision, type Transaction } from '@/lib/engine';
import { OUTCOME_CATEGORIES } from '@/lib/processors/schema';
import { parseJsonLinesRecords, simulateOne } from '@/lib/simulation';
import { loadCompileContext, MAX_TRANSACTION_BYTES } from './engine';
import { fail, notFound, ok, validationError, type Result } from './result';
import { getScheme } from './schemes';
import { getSettings } from './settings';

/** Which scheme to simulate: a published version, a scheme's draft, or (neither named) the active version. */
export const SimulationTargetSchema = z.strictObject({
  scheme_id: z.string().min(1).max(100).optional(),
  version: z.int().min(1).optional(),
  seed: z.int().min(0).max(2 ** 32 - 1).optional(),
});

export const SimulateRequestSchema = SimulationTargetSchema.extend({
  transaction: z.record(z.string(), z.unknown()),
  /** forced_outcomes[i] fixes the outcome of attempt i; later attempts are drawn from the approval models. */
  forced_outcomes: z.array(z.enum(OUTCOME_CATEGORIES)).max(20).optional(),
  trace: z.boolean().optional(),
});

export interface SimulatedScheme {
  id: string;
  /** null: the draft (at `revision`). */
  version: number | null;
  revision: number | null;
}

export type SimulationAnswer = SimulatedDecision & { simulated_scheme: SimulatedScheme };

export interface Simulator {
  scheme: SimulatedScheme;
  plan: Plan;
  processors: ProcessorSet;
}

/** Compiles the target against the account as it is now. A draft that does not compile is a validation error listing every problem. */
export async function prepareSimulator(db: Db, input: unknown): Promise<Result<Simulator>> {
  const parsed = SimulationTargetSchema.safeParse(input);
  if (!parsed.success) return fail(validationError(parsed.error));
  let { scheme_id: schemeId, version } = parsed.data;
  if (version !== undefined && schemeId === undefined) {
    return fail({ code: 'validation', message: 'A version needs its scheme.', issues: [{ path: ['scheme_id'], message: 'Required with version' }] });
  }
  if (schemeId === undefined) {
    const account = await getSettings(db);
    if (!account.active_scheme_id || account.active_version === null) {
      return fail({ code: 'validation', message: 'No scheme is active: name one to simulate.', issues: [{ path: ['scheme_id'], message: 'Required while no scheme is active' }] });
    }
    schemeId = account.active_scheme_id;
    version = account.active_version;
  }
  const found = await schemeDocument(db, schemeId, version);
  if (!found.ok) return found;
  const context = await loadCompileContext(db);
  const compiled = compile(found.value.document, context);
  if (!compiled.ok) {
    return fail({
      code: 'validation',
      message: `Scheme ${schemeId} does not compile; fix its errors first.`,
      issues: compiled.errors.map((e) => ({ path: ['scheme', ...e.path], message: e.message })),
    });
  }
  return ok({ scheme: found.value.scheme, plan: compiled.plan, processors: indexProcessors(context.registry.processors) });
}

async function schemeDocument(db: Db, schemeId: string, version: number | undefined): Promise<Result<{ document: unknown; scheme: SimulatedScheme }>> {
  if (version === undefined) {
    const scheme = await getScheme(db, schemeId);
    if (!scheme) return fail(notFound('Scheme', schemeId));
    return ok({ document: scheme.document, scheme: { id: schemeId, version: null, revision: scheme.revision } });
  }
  const [row] = await db
    .select({ document: schemeVersions.document })
    .from(schemeVersions)
    .where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.version, version)));
  if (!row) return fail(notFound('Version', `${version} of scheme ${schemeId}`));
  return ok({ document: row.document, scheme: { id: schemeId, version, revision: null } });
}

/** One simulated payment: the decision, every attempt through the cascade and the final status. */
export async function simulateTransaction(db: Db, input: unknown): Promise<Result<SimulationAnswer>> {
  const parsed = SimulateRequestSchema.safeParse(input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const { transaction, forced_outcomes, trace, seed, ...target } = parsed.data;
  const simulator = await prepareSimulator(db, target);
  if (!simulator.ok) return simulator;
  const { plan, processors, scheme } = simulator.value;
  const decision = simulateOne(plan, transaction as Transaction, processors, { seed, forced: forced_outcomes, trace });
  return ok({ ...decision, simulated_scheme: scheme });
}

/**
 * JSON lines in, JSON lines out: one answer line per input line, in order, as the input streams in.
 * A line that is not a transaction answers `{"line", "error"}` and the run goes on.
 */
export async function* simulateJsonLines(simulator: Simulator, chunks: AsyncIterable<string>, seed?: number): AsyncGenerator<string> {
  const { plan, processors } = simulator;
  for await (const records of parseJsonLinesRecords(chunks, { maxLineLength: MAX_TRANSACTION_BYTES })) {
    let out = '';
    for (const record of records) {
      out += record.ok
        ? JSON.stringify({ line: record.line, ...simulateOne(plan, record.transaction, processors, { seed }) })
        : JSON.stringify({ line: record.line, error: record.error });
      out += '\n';
    }
    yield out;
  }
}
