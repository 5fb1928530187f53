import { z } from 'zod';
import { SEGMENT_DIMENSIONS, SEGMENT_LABELS } from '../traffic/segments';

/** Uploads larger than this are refused before they are sent (override with SWITCHYARD_SIMULATION_MAX_BYTES). */
export const DEFAULT_MAX_UPLOAD_BYTES = 500 * 1024 * 1024;
/** Largest synthetic run. */
export const MAX_SYNTHETIC_COUNT = 10_000_000;

const shares = z.record(z.string().min(1).max(40), z.number().min(0).max(1e9));
const probability = z.number().min(0).max(1);

/** The parts of the traffic mix an operator sets in the form; the rest keep their defaults. */
export const SyntheticMixSchema = z.strictObject({
  currencies: shares.optional(),
  countries: shares.optional(),
  card_brands: shares.optional(),
  payment_methods: shares.optional(),
  mit_share: probability.optional(),
  amount: z.strictObject({
    median: z.number().positive().max(1e9),
    spread: z.number().min(0).max(5),
    min: z.number().min(0).max(1e9),
    max: z.number().positive().max(1e9),
  }).refine((a) => a.min <= a.max, { message: 'min must not exceed max', path: ['min'] }).optional(),
});
export type SyntheticMix = z.infer<typeof SyntheticMixSchema>;

export const SyntheticInputSchema = z.strictObject({
  kind: z.literal('synthetic'),
  count: z.number().int().min(1).max(MAX_SYNTHETIC_COUNT),
  mix: SyntheticMixSchema.optional(),
});

export const FileInputSchema = z.strictObject({
  kind: z.literal('file'),
  format: z.enum(['csv', 'jsonl']),
  file_name: z.string().trim().min(1).max(255),
  /** Declared size in bytes, checked against the limit before the upload starts. */
  size: z.number().int().min(0),
});

/** Days of recorded traffic a replay reaches back at most (the longest retention). */
export const MAX_RECORDED_DAYS = 400;
export const MAX_RECORDED_ROWS = 10_000_000;
const segmentValue = z.string().trim().min(1).max(40);

/** Replay: the decisions recorded over the last `days` days, optionally of one segment. */
export const RecordedInputSchema = z.strictObject({
  kind: z.literal('recorded'),
  days: z.number().int().min(1).max(MAX_RECORDED_DAYS),
  segment: z.strictObject(Object.fromEntries(SEGMENT_DIMENSIONS.map((d) => [d, segmentValue.optional()])) as Record<(typeof SEGMENT_DIMENSIONS)[number], z.ZodOptional<typeof segmentValue>>).optional(),
  /** The segment observed approval rates are read per (with the processor). */
  estimate_by: z.enum(SEGMENT_DIMENSIONS).default('card_country'),
  limit: z.number().int().min(1).max(MAX_RECORDED_ROWS).optional(),
});

export const RunInputSchema = z.discriminatedUnion('kind', [SyntheticInputSchema, FileInputSchema, RecordedInputSchema]);
export type RunInput = z.infer<typeof RunInputSchema>;

/** Which document a run decides with: the editor's unsaved document, the saved draft, or a published version. */
export const RunTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unsaved'), document: z.unknown(), revision: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('draft') }),
  z.strictObject({ kind: z.literal('version'), version: z.number().int().positive() }),
  /** The version live traffic gets now. */
  z.strictObject({ kind: z.literal('active') }),
]);
export type RunTarget = z.infer<typeof RunTargetSchema>;

const common = {
  input: RunInputSchema,
  seed: z.number().int().min(-(2 ** 31)).max(2 ** 32).optional(),
  on_error: z.enum(['skip', 'stop']).default('skip'),
};

export const BatchRunRequestSchema = z.strictObject({ kind: z.literal('batch'), target: RunTargetSchema, ...common });

/** Impact preview: `before` (by default the active version) and `after` (by default the editor's document) over one sample. */
export const ImpactRunRequestSchema = z.strictObject({
  kind: z.literal('impact'),
  before: RunTargetSchema,
  after: RunTargetSchema,
  /** Add the scheme's saved test cases to the sample. */
  include_test_cases: z.boolean().default(true),
  ...common,
});

export const RunRequestSchema = z.discriminatedUnion('kind', [BatchRunRequestSchema, ImpactRunRequestSchema]);
export type RunRequest = z.input<typeof RunRequestSchema>;
export type ParsedRunRequest = z.output<typeof RunRequestSchema>;

/** The stored, replayable description of what a target was (without the document itself). */
export type TargetLabel = { kind: 'unsaved'; revision: number } | { kind: 'draft'; revision: number } | { kind: 'version'; version: number };

export function describeTarget(target: TargetLabel): string {
  switch (target.kind) {
    case 'unsaved':
      return `unsaved edits (on revision ${target.revision})`;
    case 'draft':
      return `saved draft (revision ${target.revision})`;
    case 'version':
      return `version ${target.version}`;
  }
}

/** Progress as the server reports it while a run streams. */
export interface RunProgress {
  status: 'pending' | 'running' | 'done' | 'cancelled' | 'failed' | 'stopped';
  rows: number;
  bytes: number;
  /** Bytes or rows expected in all (file size or synthetic count), for the time left. */
  expected_bytes: number | null;
  expected_rows: number | null;
  elapsed_ms: number;
  bad_rows: number;
}

/** A run's input in a few words: the synthetic count, the recorded days, or the file with its rows. */
export function inputText(run: { input: RunInput | StoredRecordedInput; rows: number; bad_rows: number }): string {
  const input = run.input;
  if (input.kind === 'synthetic') return `${input.count.toLocaleString('en')} synthetic`;
  if (input.kind === 'recorded') return `${run.rows.toLocaleString('en')} recorded, last ${input.days} day${input.days === 1 ? '' : 's'}${segmentText(input.segment)}`;
  return `${input.file_name} (${run.rows.toLocaleString('en')} rows${run.bad_rows ? `, ${run.bad_rows} bad` : ''})`;
}

/** What a stored replay says its input was: the days asked for and the exact time range read. */
export interface StoredRecordedInput {
  kind: 'recorded';
  days: number;
  from: string;
  to: string;
  segment?: Partial<Record<(typeof SEGMENT_DIMENSIONS)[number], string>>;
  estimate_by: (typeof SEGMENT_DIMENSIONS)[number];
}

function segmentText(segment: StoredRecordedInput['segment']): string {
  const parts = Object.entries(segment ?? {}).filter(([, v]) => v).map(([d, v]) => `${SEGMENT_LABELS[d as keyof typeof SEGMENT_LABELS].toLowerCase()} ${v}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
