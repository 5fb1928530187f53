import { builtinCatalog } from '../catalog';
import type { Catalog } from '../catalog/types';
import type { Transaction } from '../engine/types';
import { buildRow, compileHeader } from './csv-columns';
import { DEFAULT_MAX_LINE_LENGTH, transactionsOf, type ParseError, type ParsedRecord } from './records';

export interface CsvOptions {
  /** Types the columns; the built-in catalog by default. */
  catalog?: Catalog;
  /** Longest record accepted, in characters. Default 1 MiB. */
  maxRecordLength?: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * Streams RFC 4180 CSV: quoted fields with "" escapes, commas and newlines inside quotes, LF, CRLF or
 * CR line ends, blank lines skipped, a UTF-8 BOM ignored. The header row names dotted paths that build
 * nested transactions, typed by the catalog (see csv-columns.ts). Yields one array of records per input
 * chunk; each record carries the line its row starts on. Memory is bounded by the longest record: a
 * record above `maxRecordLength` becomes an error record and its content is dropped as it streams.
 */
export async function* parseCsvRecords(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<ParsedRecord[]> {
  const reader = new CsvReader(options.catalog ?? builtinCatalog(), options.maxRecordLength ?? DEFAULT_MAX_LINE_LENGTH);
  for await (const chunk of chunks) {
    const out: ParsedRecord[] = [];
    reader.feed(chunk, out);
    if (out.length > 0) yield out;
    if (reader.headerFailed) return;
  }
  const out: ParsedRecord[] = [];
  reader.end(out);
  if (out.length > 0) yield out;
}

/** parseCsvRecords flattened to transactions; bad rows go to `onError` (see transactionsOf). */
export function parseCsv(
  chunks: AsyncIterable<string>,
  options: CsvOptions & { onError?: (error: ParseError) => void } = {},
): AsyncGenerator<Transaction> {
  return transactionsOf(parseCsvRecords(chunks, options), options.onError);
}

class CsvReader {
  private state = FIELD_START;
  private field = '';
  private fieldQuoted = false;
  private row: string[] = [];
  private rowLine = 1;
  private line = 1;
  private rowLength = 0;
  private rowError: string | null = null;
  private overflow = false;
  private skipLineFeed = false;
  private started = false;
  private columns: ReturnType<typeof compileHeader> | null = null;

  constructor(
    private readonly catalog: Catalog,
    private readonly maxRecordLength: number,
  ) {}

  /** A bad header makes every row unreadable: the caller stops reading. */
  get headerFailed(): boolean {
    return this.columns !== null && 'error' in this.columns;
  }

  feed(chunk: string, out: ParsedRecord[]): void {
    const n = chunk.length;
    let i = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.skipLineFeed && n > 0) {
      this.skipLineFeed = false;
      if (chunk.charCodeAt(i) === LF) i++;
    }
    let start = i;
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case FIELD_START:
          if (c === QUOTE) {
            this.state = QUOTED;
            this.fieldQuoted = true;
            start = i + 1;
          } else if (c === COMMA) {
            this.endField();
          } else if (c === LF || c === CR) {
            this.endField();
            i = this.endRow(chunk, i, out);
          } else {
            this.state = UNQUOTED;
            start = i;
          }
          break;
        case UNQUOTED:
          if (c === COMMA) {
            this.append(chunk, start, i);
            this.endField();
          } else if (c === LF || c === CR) {
            this.append(chunk, start, i);
            this.endField();
            i = this.endRow(chunk, i, out);
          } else if (c === QUOTE) {
            this.rowError ??= 'a quote inside an unquoted field (quote the whole field and double the quote)';
          }
          break;
        case QUOTED:
          if (c === QUOTE) {
            this.append(chunk, start, i);
            this.state = QUOTE_IN_QUOTED;
          } else if (c === LF) {
            this.line++;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (c === QUOTE) {
            // An escaped quote: it starts the next segment of the quoted field.
            this.state = QUOTED;
            start = i;
          } else if (c === COMMA) {
            this.endField();
          } else if (c === LF || c === CR) {
            this.endField();
            i = this.endRow(chunk, i, out);
          } else {
            this.rowError ??= 'characters after a closing quote';
            this.state = UNQUOTED;
            start = i;
          }
          break;
      }
    }
    if (this.state === UNQUOTED || this.state === QUOTED) this.append(chunk, start, n);
  }

  end(out: ParsedRecord[]): void {
    if (this.state === QUOTED) {
      this.emit(out, { ok: false, line: this.rowLine, error: 'a quoted field is not closed before the end of the input' });
      return;
    }
    if (this.state !== FIELD_START || this.row.length > 0) {
      this.endField();
      this.finishRow(out);
    }
  }

  private append(chunk: string, from: number, to: number): void {
    if (to <= from || this.overflow) return;
    this.rowLength += to - from;
    if (this.rowLength > this.maxRecordLength) {
      this.overflow = true;
      this.field = '';
      this.row = [];
      return;
    }
    this.field += chunk.slice(from, to);
  }

  private endField(): void {
    if (!this.overflow) this.row.push(this.field);
    this.rowLength++;
    this.field = '';
    this.state = FIELD_START;
  }

  /** Ends the row at chunk[i] (a CR or LF); returns the index of the last character consumed. */
  private endRow(chunk: string, i: number, out: ParsedRecord[]): number {
    if (chunk.charCodeAt(i) === CR) {
      if (i + 1 < chunk.length) {
        if (chunk.charCodeAt(i + 1) === LF) i++;
      } else {
        this.skipLineFeed = true;
      }
    }
    this.finishRow(out);
    this.line++;
    this.rowLine = this.line;
    return i;
  }

  private finishRow(out: ParsedRecord[]): void {
    const blank = !this.overflow && this.row.length === 1 && this.row[0] === '' && !this.fieldQuoted;
    if (!blank) this.emitRow(out);
    this.row = [];
    this.rowLength = 0;
    this.rowError = null;
    this.overflow = false;
    this.fieldQuoted = false;
  }

  private emitRow(out: ParsedRecord[]): void {
    const line = this.rowLine;
    if (this.columns === null) {
      if (this.overflow) this.columns = { error: `header longer than ${this.maxRecordLength} characters` };
      else if (this.rowError !== null) this.columns = { error: `header: ${this.rowError}` };
      else this.columns = compileHeader(this.row, this.catalog);
      if ('error' in this.columns) out.push({ ok: false, line, error: this.columns.error });
      return;
    }
    if ('error' in this.columns) return;
    if (this.overflow) out.push({ ok: false, line, error: `record longer than ${this.maxRecordLength} characters` });
    else if (this.rowError !== null) out.push({ ok: false, line, error: this.rowError });
    else out.push(buildRow(this.columns.columns, this.row, line));
  }

  private emit(out: ParsedRecord[], record: ParsedRecord): void {
    if (this.columns === null || !('error' in this.columns)) out.push(record);
  }
}
