import type { Catalog } from '../catalog';
import type { Transaction } from '../engine/types';
import { checkTransaction } from '../transactions/reader';
import { parseCsvRecords } from './csv';
import { parseJsonLinesRecords } from './json-lines';
import type { ParsedRecord } from './records';
import { utf8Lines } from './utf8-lines';

export type FileFormat = 'csv' | 'jsonl';
/** What to do with a row that cannot be read: count it and go on, or stop the run there. */
export type BadRowPolicy = 'skip' | 'stop';

/** One unreadable row: its line in the file (1-based; a CSV header is line 1), the column when known, the problem. */
export interface InputProblem {
  line: number;
  column: string | null;
  problem: string;
}

/** Bad rows of a run: all counted, the first LISTED_INPUT_PROBLEMS kept. */
export interface InputProblems {
  count: number;
  first: InputProblem[];
}

export const LISTED_INPUT_PROBLEMS = 100;

/** Thrown into the run when a bad row meets the `stop` policy. */
export class InputStopped extends Error {
  constructor(readonly problem: InputProblem) {
    super(`line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}: ${problem.problem}`);
  }
}

export interface FileInputOptions {
  format: FileFormat;
  policy: BadRowPolicy;
  /** Filled as the file streams. */
  problems: InputProblems;
  /** The account's catalog, for typing CSV cells. */
  catalog?: Catalog;
  /** Longest row, in UTF-16 code units. */
  maxRowLength?: number;
}

/** Counts the bytes that went by, for progress against the file's size. */
export interface ByteCount {
  bytes: number;
}

/**
 * Raw bytes (an upload) → text, decoded as UTF-8 a line at a time, so a line that is not UTF-8 is
 * reported by its number (see utf8Lines). Counts the bytes as they are read.
 */
export async function* textOf(bytes: AsyncIterable<Uint8Array>, count: ByteCount): AsyncGenerator<string> {
  yield* utf8Lines(counted(bytes, count));
}

async function* counted(bytes: AsyncIterable<Uint8Array>, count: ByteCount): AsyncGenerator<Uint8Array> {
  for await (const chunk of bytes) {
    count.bytes += chunk.byteLength;
    yield chunk;
  }
}

/**
 * A file's rows as transaction batches (one per parsed chunk) for the batch loop. Each row also passes
 * the transaction reader (an object, bounded nesting), as a payment sent to decide would. Bad rows
 * follow `policy`: counted and skipped, or the first one stops the run with `InputStopped`.
 */
export async function* fileTransactions(text: AsyncIterable<string>, options: FileInputOptions): AsyncGenerator<Transaction[]> {
  const records = options.format === 'csv'
    ? parseCsvRecords(text, { catalog: options.catalog, maxRecordLength: options.maxRowLength })
    : parseJsonLinesRecords(text, { maxLineLength: options.maxRowLength });
  for await (const batch of records) {
    const out: Transaction[] = [];
    for (const record of batch) {
      const problem = problemOf(record);
      if (problem === null) {
        out.push((record as { transaction: Transaction }).transaction);
        continue;
      }
      if (options.policy === 'stop') throw new InputStopped(problem);
      options.problems.count++;
      if (options.problems.first.length < LISTED_INPUT_PROBLEMS) options.problems.first.push(problem);
    }
    if (out.length > 0) yield out;
  }
}

function problemOf(record: ParsedRecord): InputProblem | null {
  if (!record.ok) return { line: record.line, column: record.column ?? null, problem: record.error };
  const read = checkTransaction(record.transaction, []);
  if (read.ok) return null;
  return { line: record.line, column: read.issue.path.length > 0 ? read.issue.path.join('.') : null, problem: read.issue.message };
}
