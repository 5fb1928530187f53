import { compile } from '../../lib/engine/compile';
import { indexProcessors } from '../../lib/engine/processors';
import type { Plan, Problem, ProcessorSet } from '../../lib/engine/types';
import { ProcessorListSchema, type Processor } from '../../lib/processors/schema';
import { parseCsvRecords } from '../../lib/simulation/csv';
import { parseJsonLinesRecords } from '../../lib/simulation/json-lines';
import type { ParsedRecord } from '../../lib/simulation/records';
import { UsageError } from './args';
import { fileChunks, readJsonFile } from './files';
import { InputError, type CliProblem } from './problems';
import { loadRegistry } from './registry';

/** Reads a processors file: a JSON array checked with ProcessorListSchema, ids unique. */
export async function loadProcessors(path: string): Promise<Processor[]> {
  const parsed = ProcessorListSchema.safeParse(await readJsonFile(path));
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        code: 'invalid_processor', message: issue.message, path: issue.path as (string | number)[], file: path, severity: 'error',
      })),
    );
  }
  const seen = new Map<string, number>();
  const duplicates: CliProblem[] = [];
  parsed.data.forEach((p, i) => {
    const first = seen.get(p.id);
    if (first === undefined) seen.set(p.id, i);
    else duplicates.push({ code: 'duplicate_processor', message: `processor id "${p.id}" repeats item ${first}`, path: [i, 'id'], file: path, severity: 'error' });
  });
  if (duplicates.length > 0) throw new InputError(duplicates);
  return parsed.data;
}

export interface Compiled {
  plan: Plan;
  warnings: CliProblem[];
}

export interface CompileInputs {
  processors?: Processor[];
  /** Path of the --registry file (processor routes and filters). */
  registryPath?: string;
  timeZone?: string;
}

/**
 * Reads and compiles a scheme. With processors, references to unknown processors are errors; with a
 * registry file, so are references to unknown routes and filters (and they resolve to their contents).
 */
export async function compileSchemeFile(path: string, inputs: CompileInputs): Promise<Compiled> {
  const document = await readJsonFile(path);
  const registry = inputs.registryPath === undefined ? {} : await loadRegistry(inputs.registryPath);
  const result = compile(document, { registry: { ...registry, processors: inputs.processors }, timeZone: inputs.timeZone });
  const withFile = (p: Problem): CliProblem => ({ ...p, file: path });
  if (!result.ok) throw new InputError(result.errors.map(withFile), result.warnings.map(withFile));
  return { plan: result.plan, warnings: result.warnings.map(withFile) };
}

export async function loadProcessorSet(path: string | undefined): Promise<{ list: Processor[]; set: ProcessorSet }> {
  if (path === undefined) throw new UsageError('--processors <processors.json> is required');
  const list = await loadProcessors(path);
  return { list, set: indexProcessors(list) };
}

export type InputFormat = 'csv' | 'jsonl';

export function formatOf(path: string, explicit: string | undefined): InputFormat {
  if (explicit !== undefined) {
    if (explicit === 'csv' || explicit === 'jsonl') return explicit;
    throw new UsageError(`--format must be csv or jsonl, got "${explicit}"`);
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  throw new UsageError(`cannot tell the format of ${path} from its extension; pass --format csv|jsonl`);
}

/** Streams a transactions file as record batches (one per chunk read), each record with its line. */
export async function transactionRecords(path: string, format: InputFormat): Promise<AsyncIterable<ParsedRecord[]>> {
  const chunks = await fileChunks(path);
  return format === 'csv' ? parseCsvRecords(chunks) : parseJsonLinesRecords(chunks);
}
