import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { simulationRuns } from '@/db/schema';
import type { AccountContext } from '@/lib/account/context';
import { createCatalog, builtinCatalog } from '@/lib/catalog';
import type { Transaction } from '@/lib/engine';
import { consumeTransactions, type TransactionSource } from '@/lib/simulation/batch';
import { exportChunks } from '@/lib/simulation/export-csv';
import { fileTransactions, InputStopped, textOf, type InputProblem, type InputProblems } from '@/lib/simulation/file-input';
import { ImpactAggregator, type ImpactReport } from '@/lib/simulation/impact';
import { normaliseSeed } from '@/lib/simulation/prng';
import { BatchAggregator, type BatchReport } from '@/lib/simulation/report';
import {
  DEFAULT_MAX_UPLOAD_BYTES, RunRequestSchema, type ParsedRunRequest, type RunInput, type RunProgress, type StoredRecordedInput, type SyntheticMix, type TargetLabel,
} from '@/lib/simulation/run-request';
import { ObservedEstimator, type ObservedRates } from '@/lib/traffic/observed-estimate';
import type { SegmentDimension } from '@/lib/traffic/segments';
import { observedRates, recordedCount, recordedTransactions, type RecordedRange } from './recorded-traffic';
import { DEFAULT_SEED } from '@/lib/simulation/simulate-one';
import { generateTransactions } from '@/lib/simulation/traffic';
import { MAX_TRANSACTION_BYTES } from '@/lib/transactions/reader';
import { loadAccountContext } from './account-context';
import { actorName, type ServiceContext } from './context';
import { write } from './write';
import { fail, notFound, ok, validationError, type Result } from './result';
import { compileFor, compileTarget, type CompiledTarget } from './simulation-targets';
import { readKeptInput, SpooledInput } from './simulation-inputs';
import { cancelRun, endRun, isEnded, liveRun, registerRun, type LiveRun } from './simulation-jobs';
import { listTestCases } from './test-cases';
import { anId, checkArguments, isId } from './arguments';
import { parseInput } from '@/lib/text/hostile';

/** What a stored run says its input was. */
export type StoredInput =
  | { kind: 'synthetic'; count: number; mix?: SyntheticMix }
  | { kind: 'file'; format: 'csv' | 'jsonl'; file_name: string; size: number; sha256: string }
  | StoredRecordedInput;

export interface RunSummary {
  id: string;
  scheme_id: string;
  target: TargetLabel;
  actor: string;
  input: StoredInput;
  seed: number;
  rows: number;
  bad_rows: number;
  approval_rate: number;
  duration_ms: number;
  created_at: string;
}

export interface RunRecord extends RunSummary {
  input_problems: InputProblems;
  report: BatchReport;
}

export type RunOutcome =
  | { status: 'done'; kind: 'batch'; run: RunRecord }
  | { status: 'done'; kind: 'impact'; impact: ImpactReport; input_problems: InputProblems }
  | { status: 'cancelled'; rows: number }
  | { status: 'stopped'; rows: number; problem: InputProblem };

interface PreparedRun {
  request: ParsedRunRequest;
  seed: number;
  /** The batch's document, or the impact's `after`. */
  target: CompiledTarget;
  before: CompiledTarget | null;
  testCases: Transaction[];
  account: AccountContext;
  /** A replay of recorded traffic: what it reads, and the approval rates observed over it. */
  recorded: { range: RecordedRange; days: number; dimension: SegmentDimension; rates: ObservedRates } | null;
}

/** The largest upload a run takes (SWITCHYARD_SIMULATION_MAX_BYTES, default 500 MB). */
export function maxUploadBytes(): number {
  const configured = Number(process.env.SWITCHYARD_SIMULATION_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_UPLOAD_BYTES;
}

const newRunId = () => `sim_${randomBytes(8).toString('hex')}`;

/**
 * Checks a run request and compiles its document(s) before any input is sent, so a bad target, a
 * scheme that does not compile or a file over the limit is refused before the upload starts.
 */
export async function prepareRun(ctx: ServiceContext, schemeId: string, body: unknown): Promise<Result<{ id: string }>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  const parsed = parseInput(RunRequestSchema, body);
  if (!parsed.success) return fail(validationError(parsed.error));
  const request = parsed.data;
  const limit = maxUploadBytes();
  if (request.input.kind === 'file' && request.input.size > limit) {
    return fail({ code: 'validation', message: `The file is larger than the limit of ${formatMegabytes(limit)}.`, issues: [{ path: ['input', 'size'], message: `at most ${formatMegabytes(limit)}` }] });
  }
  const account = await loadAccountContext(ctx.db);
  const target = await compileTarget(ctx.db, schemeId, request.kind === 'batch' ? request.target : request.after, account, request.kind === 'batch' ? 'target' : 'after');
  if (!target.ok) return target;
  let before: CompiledTarget | null = null;
  let testCases: Transaction[] = [];
  const input = request.input;
  if (request.kind === 'impact') {
    const compiled = await compileTarget(ctx.db, schemeId, request.before, account, 'before');
    if (!compiled.ok) return compiled;
    before = compiled.value;
    // A replay is the recorded traffic alone: test cases would weigh in its observed estimate.
    if (request.include_test_cases && input.kind !== 'recorded') testCases = (await listTestCases(ctx.db, schemeId)).map((c) => c.transaction as Transaction);
  }
  let recorded: PreparedRun['recorded'] = null;
  let recordedRows: number | null = null;
  if (input.kind === 'recorded') {
    const to = Date.now();
    const range: RecordedRange = { from: to - input.days * 86_400_000, to, ...(input.segment ? { segment: input.segment } : {}), ...(input.limit ? { limit: input.limit } : {}) };
    recordedRows = await recordedCount(ctx.db, range);
    if (recordedRows === 0) {
      return fail({ code: 'validation', message: `No decisions were recorded in the last ${input.days} day${input.days === 1 ? '' : 's'}${input.segment ? ' for this segment' : ''}: nothing to replay.`, issues: [{ path: ['input', 'days'], message: 'no recorded traffic' }] });
    }
    if (recordedRows !== null && input.limit) recordedRows = Math.min(recordedRows, input.limit);
    recorded = { range, days: input.days, dimension: input.estimate_by, rates: await observedRates(ctx.db, range, input.estimate_by) };
  }
  const id = newRunId();
  const seed = normaliseSeed(request.seed ?? DEFAULT_SEED);
  const expected = input.kind === 'file'
    ? { expected_bytes: input.size, expected_rows: null }
    : { expected_bytes: null, expected_rows: input.kind === 'synthetic' ? input.count + testCases.length : recordedRows };
  registerRun<PreparedRun>({
    id,
    schemeId,
    prepared: { request, seed, target: target.value, before, testCases, account, recorded },
    progress: { status: 'pending', rows: 0, bytes: 0, elapsed_ms: 0, bad_rows: 0, ...expected },
  });
  return ok({ id });
}

/**
 * Runs a prepared run over its input: generated traffic, or the upload streamed from `body` (never
 * held whole). Progress is readable through `runProgress` meanwhile. A finished batch run is stored in
 * one write with its audit entry; a cancelled, stopped or failed run stores nothing.
 */
export async function executeRun(
  ctx: ServiceContext,
  schemeId: string,
  runId: string,
  body: AsyncIterable<Uint8Array> | null,
  clientGone?: AbortSignal,
): Promise<Result<RunOutcome>> {
  const args = checkArguments({ scheme_id: anId(schemeId), run_id: anId(runId) });
  if (!args.ok) return args;
  const live = liveRun(runId) as LiveRun<PreparedRun> | undefined;
  if (!live || live.schemeId !== schemeId || live.progress.status !== 'pending') return fail(notFound('Prepared simulation run', runId));
  const prepared = live.prepared;
  const input = prepared.request.input;
  if (input.kind === 'file' && body === null) {
    return fail({ code: 'validation', message: 'Send the file as the request body.', issues: [{ path: ['body'], message: 'missing' }] });
  }
  live.progress = { ...live.progress, status: 'running' };
  live.startedAt = Date.now();
  clientGone?.addEventListener('abort', () => live.controller.abort(), { once: true });

  const bytes = { bytes: 0 };
  const problems: InputProblems = { count: 0, first: [] };
  const spool = input.kind === 'file' && prepared.request.kind === 'batch' ? await SpooledInput.open(runId) : null;
  const source = sourceOf(ctx, prepared, input, body, bytes, problems, spool);
  const sink = prepared.before === null
    ? new BatchAggregator(prepared.target.plan, prepared.target.processors, prepared.seed)
    : new ImpactAggregator({ before: prepared.before.plan, after: prepared.target.plan }, prepared.target.processors, prepared.seed);
  const observed = estimatorsOf(prepared);
  const consumer = observed ? new WithEstimates(sink, observed) : sink;
  const onProgress = (rows: number) => {
    live.progress = { ...live.progress, rows, bytes: bytes.bytes, bad_rows: problems.count, elapsed_ms: Date.now() - live.startedAt };
  };
  try {
    const finished = await consumeTransactions(source, consumer, { signal: live.controller.signal, onProgress, progressEvery: 2000 });
    onProgress(sink.processed);
    if (!finished) {
      await spool?.discard();
      const outcome: RunOutcome = { status: 'cancelled', rows: sink.processed };
      endRun(live, 'cancelled', outcome);
      return ok(outcome);
    }
    const outcome: RunOutcome = sink instanceof ImpactAggregator
      ? { status: 'done', kind: 'impact', impact: withObserved(sink.report(false), observed), input_problems: problems }
      : { status: 'done', kind: 'batch', run: await storeRun(ctx, live, withObserved(sink.report(false), observed), problems, spool, Date.now() - live.startedAt) };
    endRun(live, 'done', outcome);
    return ok(outcome);
  } catch (error) {
    await spool?.discard();
    if (error instanceof InputStopped) {
      const outcome: RunOutcome = { status: 'stopped', rows: sink.processed, problem: error.problem };
      endRun(live, 'stopped', outcome);
      return ok(outcome);
    }
    endRun(live, 'failed', { status: 'failed' });
    throw error;
  }
}

/** Observed-rate estimators of a replay: its document's (batch), or before's and after's (impact). */
function estimatorsOf(prepared: PreparedRun): { before?: ObservedEstimator; after: ObservedEstimator } | null {
  const { recorded } = prepared;
  if (!recorded) return null;
  const estimator = (target: CompiledTarget) => new ObservedEstimator(target.plan, target.processors, recorded.rates, recorded.dimension);
  return { ...(prepared.before ? { before: estimator(prepared.before) } : {}), after: estimator(prepared.target) };
}

/** The run's sink, with the estimators fed the same transactions. */
class WithEstimates {
  constructor(private readonly sink: BatchAggregator | ImpactAggregator, private readonly estimators: { before?: ObservedEstimator; after: ObservedEstimator }) {}
  get processed(): number {
    return this.sink.processed;
  }
  add(tx: Transaction): void {
    if (this.sink instanceof ImpactAggregator) {
      const { before, after } = this.sink.add(tx);
      this.estimators.before!.addDecided(tx, before);
      this.estimators.after.addDecided(tx, after);
    } else {
      this.estimators.after.addDecided(tx, this.sink.add(tx));
    }
  }
}

function withObserved<R extends BatchReport | ImpactReport>(report: R, estimators: { before?: ObservedEstimator; after: ObservedEstimator } | null): R {
  if (!estimators) return report;
  if ('groups' in report) return { ...report, observed: { before: estimators.before!.report(), after: estimators.after.report() } };
  return { ...report, observed: estimators.after.report() };
}

function sourceOf(
  ctx: ServiceContext,
  prepared: PreparedRun,
  input: RunInput,
  body: AsyncIterable<Uint8Array> | null,
  bytes: { bytes: number },
  problems: InputProblems,
  spool: SpooledInput | null,
): TransactionSource {
  if (input.kind === 'recorded') return recordedTransactions(ctx.db, prepared.recorded!.range);
  const sample: TransactionSource = input.kind === 'synthetic'
    ? generateTransactions(input.count, { seed: prepared.seed, mix: input.mix })
    : fileTransactions(textOf(capped(spool ? spool.tee(body!) : body!, maxUploadBytes()), bytes), {
      format: input.format,
      policy: prepared.request.on_error,
      problems,
      catalog: catalogOf(prepared.account),
      maxRowLength: MAX_TRANSACTION_BYTES,
    });
  if (prepared.testCases.length === 0) return sample;
  return withFirst(prepared.testCases, sample);
}

/** The upload, refused as it streams once it passes the limit (a declared size cannot be trusted). */
async function* capped(chunks: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > limit) throw new InputStopped({ line: 0, column: null, problem: `The upload is larger than the limit of ${formatMegabytes(limit)}.` });
    yield chunk;
  }
}

async function* withFirst(first: Transaction[], rest: TransactionSource): AsyncGenerator<Transaction | readonly Transaction[]> {
  yield first;
  yield* rest as AsyncIterable<Transaction | readonly Transaction[]>;
}

const catalogOf = (account: AccountContext) => (account.customAttributes.length > 0 ? createCatalog(account.customAttributes) : builtinCatalog());

async function storeRun(ctx: ServiceContext, live: LiveRun<PreparedRun>, report: BatchReport, problems: InputProblems, spool: SpooledInput | null, durationMs: number): Promise<RunRecord> {
  const { request, target, seed, recorded } = live.prepared;
  const input: StoredInput = await storedInputOf(request.input, recorded, live.progress.bytes, spool);
  const actor = actorName(ctx.actor);
  const stored = await write(ctx, 'viewer', async (tx, audit) => {
    const [row] = await tx.insert(simulationRuns).values({
      id: live.id,
      schemeId: live.schemeId,
      target: target.label,
      document: target.document,
      account: target.account,
      actor,
      actorKind: ctx.actor.kind,
      input,
      seed,
      rows: report.total,
      inputProblems: problems,
      report,
      durationMs,
    }).returning();
    await audit({ action: 'simulate', entity: 'simulation_run', entityId: live.id, detail: { scheme: live.schemeId, rows: report.total } });
    return ok(row!);
  });
  if (!stored.ok) throw new Error(`the run could not be stored: ${stored.error.message}`);
  const row = stored.value;
  return toRecord(row);
}

async function storedInputOf(input: RunInput, recorded: PreparedRun['recorded'], bytes: number, spool: SpooledInput | null): Promise<StoredInput> {
  switch (input.kind) {
    case 'synthetic':
      return { kind: 'synthetic', count: input.count, ...(input.mix ? { mix: input.mix } : {}) };
    case 'file':
      return { kind: 'file', format: input.format, file_name: input.file_name, size: bytes, sha256: (await spool?.keep()) ?? '' };
    case 'recorded':
      return {
        kind: 'recorded', days: input.days, from: new Date(recorded!.range.from).toISOString(), to: new Date(recorded!.range.to).toISOString(),
        ...(input.segment ? { segment: input.segment } : {}), estimate_by: input.estimate_by,
      };
  }
}

type Row = typeof simulationRuns.$inferSelect;

function toSummary(row: Pick<Row, 'id' | 'schemeId' | 'target' | 'actor' | 'input' | 'seed' | 'rows' | 'inputProblems' | 'durationMs' | 'createdAt'> & { approvalRate: number }): RunSummary {
  return {
    id: row.id,
    scheme_id: row.schemeId,
    target: row.target as TargetLabel,
    actor: row.actor,
    input: row.input as StoredInput,
    seed: row.seed,
    rows: row.rows,
    bad_rows: (row.inputProblems as InputProblems).count,
    approval_rate: row.approvalRate,
    duration_ms: row.durationMs,
    created_at: row.createdAt.toISOString(),
  };
}

function toRecord(row: Row): RunRecord {
  const report = row.report as BatchReport;
  return { ...toSummary({ ...row, approvalRate: report.approval_rate }), input_problems: row.inputProblems as InputProblems, report };
}

/** The scheme's stored runs, newest first (the latest 50). */
export async function listRuns(ctx: ServiceContext, schemeId: string): Promise<RunSummary[]> {
  if (!isId(schemeId)) return [];
  const rows = await ctx.db.select().from(simulationRuns).where(eq(simulationRuns.schemeId, schemeId)).orderBy(desc(simulationRuns.createdAt)).limit(50);
  return rows.map((row) => toSummary({ ...row, approvalRate: (row.report as BatchReport).approval_rate }));
}

export async function getRun(ctx: ServiceContext, schemeId: string, runId: string): Promise<Result<RunRecord>> {
  const args = checkArguments({ scheme_id: anId(schemeId), run_id: anId(runId) });
  if (!args.ok) return args;
  const [row] = await ctx.db.select().from(simulationRuns).where(and(eq(simulationRuns.schemeId, schemeId), eq(simulationRuns.id, runId)));
  return row ? ok(toRecord(row)) : fail(notFound('Simulation run', runId));
}

/** Stops a live run of the scheme; its input request then answers `cancelled`. */
export function stopRun(schemeId: string, runId: string): Result<{ id: string }> {
  const args = checkArguments({ scheme_id: anId(schemeId), run_id: anId(runId) });
  if (!args.ok) return args;
  const live = liveRun(runId);
  if (!live || live.schemeId !== schemeId || !cancelRun(runId)) return fail(notFound('Running simulation', runId));
  return ok({ id: runId });
}

/** Progress lines of a live run, about four a second, until it ends; the last one carries the outcome. */
export async function* runProgress(schemeId: string, runId: string, signal?: AbortSignal): AsyncGenerator<RunProgress & { outcome?: unknown }> {
  for (;;) {
    const live = liveRun(runId);
    if (!live || live.schemeId !== schemeId) {
      yield { status: 'failed', rows: 0, bytes: 0, expected_bytes: null, expected_rows: null, elapsed_ms: 0, bad_rows: 0, outcome: { status: 'unknown' } };
      return;
    }
    const ended = isEnded(live.progress.status);
    const elapsed = live.progress.status === 'running' ? Date.now() - live.startedAt : live.progress.elapsed_ms;
    yield ended ? { ...live.progress, outcome: live.outcome } : { ...live.progress, elapsed_ms: elapsed };
    if (ended || signal?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The per-payment results of a stored run as CSV, replayed from what the run stored (its document,
 * account data and seed; the generated traffic, or the kept upload), streamed line by line.
 */
export async function exportRun(ctx: ServiceContext, schemeId: string, runId: string): Promise<Result<{ fileName: string; chunks: AsyncGenerator<string> }>> {
  const args = checkArguments({ scheme_id: anId(schemeId), run_id: anId(runId) });
  if (!args.ok) return args;
  const [row] = await ctx.db.select().from(simulationRuns).where(and(eq(simulationRuns.schemeId, schemeId), eq(simulationRuns.id, runId)));
  if (!row) return fail(notFound('Simulation run', runId));
  const account = row.account as AccountContext;
  const compiled = compileFor(row.target as TargetLabel, row.document, account, 'document');
  if (!compiled.ok) return compiled;
  const input = row.input as StoredInput;
  let source: TransactionSource;
  if (input.kind === 'synthetic') {
    source = generateTransactions(input.count, { seed: row.seed, mix: input.mix });
  } else if (input.kind === 'recorded') {
    // The same time range again: days past retention since are gone, and the export says what it covers.
    source = recordedTransactions(ctx.db, { from: Date.parse(input.from), to: Date.parse(input.to), ...(input.segment ? { segment: input.segment } : {}) });
  } else {
    const kept = await readKeptInput(runId);
    if (kept === null) return fail({ code: 'not_found', message: `The uploaded file of this run (${input.file_name}) is no longer kept; run it again to export.` });
    const problems: InputProblems = { count: 0, first: [] };
    source = fileTransactions(textOf(kept, { bytes: 0 }), { format: input.format, policy: 'skip', problems, catalog: catalogOf(account), maxRowLength: MAX_TRANSACTION_BYTES });
  }
  return ok({ fileName: `${runId}.csv`, chunks: exportChunks(source, compiled.value.plan, compiled.value.processors, row.seed) });
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
