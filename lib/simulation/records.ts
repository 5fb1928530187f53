import type { Transaction } from '../engine/types';

/** One input record of a parsed file: a transaction, or why its line could not be read. */
export type ParsedRecord =
  | { ok: true; line: number; transaction: Transaction }
  | { ok: false; line: number; error: string; column?: string };

export interface ParseError {
  line: number;
  error: string;
  /** The CSV column (header name) the problem is in, when it is in one. */
  column?: string;
}

/**
 * Stands in for a line whose bytes are not valid UTF-8, so the parser reports that line by its number
 * instead of reading replacement characters. A NUL cannot start valid JSON, so no real line is mistaken for it.
 */
export const INVALID_UTF8_LINE = '\u0000invalid utf-8';

/** Longest line (JSON lines) or record (CSV) a parser accepts, in UTF-16 code units. */
export const DEFAULT_MAX_LINE_LENGTH = 1_048_576;

/**
 * Flattens record batches into transactions. Bad records go to `onError` in input order (before the
 * next transaction is yielded); without `onError` the first bad record throws, so none is lost silently.
 */
export async function* transactionsOf(
  batches: AsyncIterable<readonly ParsedRecord[]>,
  onError?: (error: ParseError) => void,
): AsyncGenerator<Transaction> {
  for await (const batch of batches) {
    for (const record of batch) {
      if (record.ok) yield record.transaction;
      else reportError(record, onError);
    }
  }
}

/** Like transactionsOf, one array per input chunk: simulateBatch then awaits once per chunk. */
export async function* transactionBatchesOf(
  batches: AsyncIterable<readonly ParsedRecord[]>,
  onError?: (error: ParseError) => void,
): AsyncGenerator<Transaction[]> {
  for await (const batch of batches) {
    const out: Transaction[] = [];
    for (const record of batch) {
      if (record.ok) out.push(record.transaction);
      else reportError(record, onError);
    }
    if (out.length > 0) yield out;
  }
}

function reportError(record: ParseError, onError?: (error: ParseError) => void): void {
  if (onError === undefined) throw new Error(`line ${record.line}: ${record.error}`);
  onError(record.column === undefined ? { line: record.line, error: record.error } : { line: record.line, error: record.error, column: record.column });
}

/** About how long a piece of input text the parsers read, and the batch loop simulates, at a time. */
const PIECE_LENGTH = 8192;

/**
 * Text chunks (64 KB off the network, more from a file) cut at line ends into pieces of about
 * PIECE_LENGTH. Why: a minor GC that runs while a batch is simulated promotes the batch's rows to the old
 * generation; with a whole chunk's rows alive, an upload that fell behind its network spent most of
 * its time in GC (1.2 MB promoted per minor GC, the heap grew by 320 MB and the run took twice as long).
 * A quoted field may hold a line end: the parsers carry an unfinished row over to the next piece anyway.
 */
export async function* inPieces(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    let start = 0;
    while (chunk.length - start > PIECE_LENGTH * 2) {
      const cut = chunk.indexOf('\n', start + PIECE_LENGTH);
      if (cut === -1) break;
      yield chunk.slice(start, cut + 1);
      start = cut + 1;
    }
    if (start === 0) yield chunk;
    else if (start < chunk.length) yield chunk.slice(start);
  }
}
