import type { Transaction } from '../engine/types';
import { DEFAULT_MAX_LINE_LENGTH, INVALID_UTF8_LINE, inPieces, transactionsOf, type ParseError, type ParsedRecord } from './records';

export interface JsonLinesOptions {
  maxLineLength?: number;
  onError?: (error: ParseError) => void;
}

/**
 * Streams JSON lines: one JSON object per line ("\n" or "\r\n"), blank lines skipped, a UTF-8 BOM
 * ignored. Yields one array of records per input chunk, each with its 1-based line number. Holds at
 * most one partial line; a line longer than `maxLineLength` becomes an error record and is skipped
 * without being buffered.
 */
export async function* parseJsonLinesRecords(
  chunks: AsyncIterable<string>,
  options: { maxLineLength?: number } = {},
): AsyncGenerator<ParsedRecord[]> {
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  let pending = '';
  let skipping = false;
  let line = 1;
  let first = true;
  for await (let chunk of inPieces(chunks)) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    const out: ParsedRecord[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      if (skipping) {
        skipping = false;
      } else if (lineLength(pending, chunk, start, nl) > max) {
        out.push(tooLong(line, max));
      } else {
        const text = pending.length > 0 ? pending + chunk.slice(start, nl) : chunk.slice(start, nl);
        parseLine(text, line, out);
      }
      pending = '';
      line++;
      start = nl + 1;
    }
    if (!skipping && start < chunk.length) {
      // +1: the partial line may still end in the "\r" of a "\r\n".
      if (pending.length + (chunk.length - start) > max + 1) {
        out.push(tooLong(line, max));
        pending = '';
        skipping = true;
      } else {
        pending += chunk.slice(start);
      }
    }
    if (out.length > 0) yield out;
  }
  if (!skipping && pending.length > 0) {
    const out: ParsedRecord[] = [];
    if (lineLength(pending, '', 0, 0) > max) out.push(tooLong(line, max));
    else parseLine(pending, line, out);
    if (out.length > 0) yield out;
  }
}

/** parseJsonLinesRecords flattened to transactions; bad lines go to `onError` (see transactionsOf). */
export function parseJsonLines(chunks: AsyncIterable<string>, options: JsonLinesOptions = {}): AsyncGenerator<Transaction> {
  return transactionsOf(parseJsonLinesRecords(chunks, options), options.onError);
}

function parseLine(raw: string, line: number, out: ParsedRecord[]): void {
  const text = raw.trim();
  if (text.length === 0) return;
  if (text === INVALID_UTF8_LINE) {
    out.push({ ok: false, line, error: 'not valid UTF-8' });
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    out.push({ ok: false, line, error: `invalid JSON: ${(error as Error).message}` });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.push({ ok: false, line, error: 'expected a JSON object (one transaction per line)' });
    return;
  }
  out.push({ ok: true, line, transaction: value as Transaction });
}

/** Length of pending + chunk[start, nl) without a trailing "\r". */
function lineLength(pending: string, chunk: string, start: number, nl: number): number {
  const length = pending.length + (nl - start);
  const lastChar = nl > start ? chunk.charCodeAt(nl - 1) : pending.charCodeAt(pending.length - 1);
  return lastChar === 13 ? length - 1 : length;
}

function tooLong(line: number, max: number): ParsedRecord {
  return { ok: false, line, error: `line longer than ${max} characters` };
}
