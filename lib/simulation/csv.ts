import Papa from 'papaparse';
import { builtinCatalog } from '../catalog';
import type { Catalog } from '../catalog/types';
import type { Transaction } from '../engine/types';
import { buildRow, compileHeader } from './csv-columns';
import { DEFAULT_MAX_LINE_LENGTH, INVALID_UTF8_LINE, inPieces, transactionsOf, type ParseError, type ParsedRecord } from './records';

export interface CsvOptions {
  /** Types the columns; the built-in catalog by default. */
  catalog?: Catalog;
  /** Longest record accepted, in characters (its cells and the commas between them). Default 1 MiB. */
  maxRecordLength?: number;
}

/** The row ending of a file: "\n" (a "\r" before it is dropped, so LF and CRLF may mix) or, in a file without any "\n", "\r". */
type Newline = '\n' | '\r';

const QUOTE = 34;

/**
 * Streams RFC 4180 CSV, tokenised by papaparse: quoted fields with "" escapes, commas and line breaks
 * inside quotes, LF or CRLF row ends (CR in a file that has no LF), blank lines skipped, a UTF-8 BOM
 * ignored. The header row names dotted paths that build nested transactions, typed by the catalog (see
 * csv-columns.ts). Yields one array of records per piece of the input (see inPieces); each record carries the line its row
 * starts on. Holds at most one partial row: a record above `maxRecordLength` becomes an error record and
 * the rest of it is skipped as it streams.
 */
export async function* parseCsvRecords(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<ParsedRecord[]> {
  const reader = new CsvReader(options.catalog ?? builtinCatalog(), options.maxRecordLength ?? DEFAULT_MAX_LINE_LENGTH);
  for await (const chunk of inPieces(chunks)) {
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

/**
 * papaparse reads whole chunks; this carries what it could not finish (the start of a row whose end has
 * not arrived) over to the next chunk, counts lines, and turns its rows and quote errors into records.
 */
class CsvReader {
  /** The start of a row not complete yet: read again with the next chunk. */
  private carry = '';
  /** The line the next row starts on. */
  private line = 1;
  private newline: Newline | null = null;
  private readonly parsers: Partial<Record<Newline, Papa.Parser>> = {};
  /** Set while the rest of an over-long record is skipped: whether the skip is inside quotes. */
  private skipping: { quoted: boolean } | null = null;
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
    if (!this.started) {
      if (chunk.length === 0) return;
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.skipping) chunk = this.skip(chunk);
    if (chunk.length > 0) this.read(this.carry + chunk, false, out);
  }

  end(out: ParsedRecord[]): void {
    if (this.skipping || this.carry.length === 0) return;
    this.read(this.carry, true, out);
    this.carry = '';
  }

  /** Reads `text` (the carry and a new chunk); unless `final`, keeps the unfinished last row as the carry. */
  private read(text: string, final: boolean, out: ParsedRecord[]): void {
    this.newline ??= newlineOf(text, final);
    if (this.newline === null) {
      this.hold(text, out);
      return;
    }
    // A "\r" that ends the input ends its last row (mid-stream it may still be followed by its "\n").
    let input = final && this.newline === '\n' && text.endsWith('\r') ? text.slice(0, -1) : text;
    const parser = this.parserFor(this.newline);
    for (;;) {
      const result = parser.parse(input, 0, !final) as Papa.ParseResult<string[]>;
      const problem = result.errors[0];
      if (problem === undefined) {
        this.rows(input, result.data, result.data.length, out);
        if (!final) this.hold(input.slice(result.meta.cursor), out);
        return;
      }
      if (problem.code === 'MissingQuotes') {
        // Only at the end of the input: papaparse does not report it mid-stream.
        this.rows(input, result.data, problem.row ?? result.data.length, out);
        this.bad(out, this.line, 'a quoted field is not closed before the end of the input');
        return;
      }
      const rest = this.afterBadQuote(input, problem.index ?? 0, final, out);
      if (rest === null) return;
      input = rest;
    }
  }

  /**
   * papaparse goes on reading a field whose closing quote is followed by other characters (`"a"b`) up
   * to the next closing quote, rows later perhaps. Instead, as RFC 4180 readers do, that row is one
   * error and reading resumes after its line end. `contentStart` is just after the field's opening
   * quote. Returns the input after the bad row, or null when there is none (or it has not arrived yet).
   */
  private afterBadQuote(input: string, contentStart: number, final: boolean, out: ParsedRecord[]): string | null {
    const newline = this.newline as Newline;
    const head = this.parserFor(newline).parse(input.slice(0, contentStart - 1), 0, true) as Papa.ParseResult<string[]>;
    this.rows(input, head.data, head.data.length, out);
    const rowStart = head.meta.cursor;
    const close = closingQuote(input, contentStart);
    const end = close === -1 ? -1 : input.indexOf(newline, close + 1);
    if (end === -1 && !final) {
      this.hold(input.slice(rowStart), out);
      return null;
    }
    this.bad(out, this.line, 'characters after a closing quote');
    if (end === -1) return null;
    this.line += 1 + count(input, newline, rowStart, end);
    return input.slice(end + 1);
  }

  /** Records of papaparse's first `n` rows of `input`, each on the line it starts. */
  private rows(input: string, data: string[][], n: number, out: ParsedRecord[]): void {
    const newline = this.newline as Newline;
    // Line breaks inside a row only occur in quoted fields; without a quote, every row is one line.
    const quoted = input.includes('"');
    const crlf = newline === '\n' && input.includes('\r');
    const marked = input.includes('\u0000');
    const long = input.length > this.maxRecordLength;
    for (let r = 0; r < n; r++) {
      if (this.headerFailed) return;
      const cells = data[r] as string[];
      const line = this.line;
      if (crlf) dropCarriageReturn(cells);
      this.line += quoted ? 1 + breaksIn(cells, newline) : 1;
      if (cells.length === 1 && cells[0] === '') continue; // a blank line
      if (marked && cells.some((cell) => cell.includes(INVALID_UTF8_LINE))) this.bad(out, line, 'not valid UTF-8');
      else if (long && lengthOf(cells) > this.maxRecordLength) this.tooLong(out, line);
      else if (this.columns === null) this.header(cells, line, out);
      else if ('columns' in this.columns) out.push(buildRow(this.columns.columns, cells, line));
    }
  }

  private header(cells: string[], line: number, out: ParsedRecord[]): void {
    this.columns = compileHeader(cells, this.catalog);
    if ('error' in this.columns) out.push({ ok: false, line, error: this.columns.error });
  }

  /**
   * Keeps the start of an unfinished row for the next chunk, unless its cells already pass the longest
   * record: then it is reported, and the rest of it is skipped as it streams (never held).
   */
  private hold(text: string, out: ParsedRecord[]): void {
    this.carry = text;
    if (text.length <= this.maxRecordLength) return;
    const sofar = this.parserFor(this.newline ?? '\n').parse(text, 0, false) as Papa.ParseResult<string[]>;
    if (sofar.data.reduce((sum, cells) => sum + lengthOf(cells), 0) <= this.maxRecordLength) return;
    this.tooLong(out, this.line);
    this.carry = '';
    this.line += count(text, this.newline ?? '\n', 0, text.length);
    this.skipping = { quoted: count(text, '"', 0, text.length) % 2 === 1 };
  }

  /** Skips to the end of an over-long record (its first line end outside quotes); returns what follows. */
  private skip(chunk: string): string {
    const skipping = this.skipping as { quoted: boolean };
    const newline = (this.newline ?? '\n').charCodeAt(0);
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === QUOTE) {
        skipping.quoted = !skipping.quoted;
      } else if (c === newline) {
        this.line++;
        if (!skipping.quoted) {
          this.skipping = null;
          return chunk.slice(i + 1);
        }
      }
    }
    return '';
  }

  private tooLong(out: ParsedRecord[], line: number): void {
    if (this.columns === null) this.failHeader(out, line, `header longer than ${this.maxRecordLength} characters`);
    else this.bad(out, line, `record longer than ${this.maxRecordLength} characters`);
  }

  /** A row that cannot be read; as the header, it stops the file. */
  private bad(out: ParsedRecord[], line: number, error: string): void {
    if (this.columns === null) this.failHeader(out, line, `header: ${error}`);
    else if (!this.headerFailed) out.push({ ok: false, line, error });
  }

  private failHeader(out: ParsedRecord[], line: number, error: string): void {
    this.columns = { error };
    out.push({ ok: false, line, error });
  }

  private parserFor(newline: Newline): Papa.Parser {
    return (this.parsers[newline] ??= new Papa.Parser({ delimiter: ',', newline, quoteChar: '"' }));
  }
}

/** The file's row ending, from its first line end; null while that is not known yet. */
function newlineOf(text: string, final: boolean): Newline | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1 || (lf !== -1 && lf <= cr + 1)) return lf !== -1 || final ? '\n' : null;
  // The first line end is a "\r" without "\n" after it, unless that "\r" is the last character so far.
  return cr + 1 < text.length || final ? '\r' : null;
}

/** The quote that closes a quoted field whose content starts at `from` (skipping "" pairs), or -1. */
function closingQuote(input: string, from: number): number {
  let q = input.indexOf('"', from);
  while (q !== -1 && input.charCodeAt(q + 1) === QUOTE) q = input.indexOf('"', q + 2);
  return q;
}

/** How many times `char` occurs in text[from, to). */
function count(text: string, char: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(char, from); i !== -1 && i < to; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function breaksIn(cells: readonly string[], newline: Newline): number {
  let n = 0;
  for (const cell of cells) if (cell.length > 0) n += count(cell, newline, 0, cell.length);
  return n;
}

/** A row's length as the limit counts it: its cells and the commas between them. */
function lengthOf(cells: readonly string[]): number {
  let n = cells.length - 1;
  for (const cell of cells) n += cell.length;
  return n;
}

/** In a "\n" file, a row ended by "\r\n" has the "\r" at the end of its last cell. */
function dropCarriageReturn(cells: string[]): void {
  const last = cells.length - 1;
  const cell = cells[last] as string;
  if (cell.charCodeAt(cell.length - 1) === 13) cells[last] = cell.slice(0, -1);
}
