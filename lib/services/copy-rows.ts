import 'server-only';

/**
 * A batch's rows for COPY as UTF-8 bytes in shared memory, written a row at a time as they are
 * packed. Why bytes and why shared: handing one large string to the writer's thread costs decide's
 * thread more than the packing (the structured clone of a string runs at a few hundred MB/s, then the
 * driver encodes it again); a SharedArrayBuffer crosses to the worker without a copy and goes to the
 * socket as it is, and this thread still holds it for a write again after a failure.
 * docs/traffic.md has the measurements.
 */
export class CopyRows {
  private bytes: Buffer;
  private length = 0;

  /**
   * `reuse`: the memory of rows written already, written over from the start. A fresh
   * SharedArrayBuffer is zeroed and its pages faulted in as they are first written: for a batch of
   * 5,000 that was a visible part of packing, so a steady log writes into the same two memories.
   */
  constructor(rowsExpected: number, reuse?: SharedArrayBuffer | null) {
    const size = Math.max(rowsExpected, 1) * BYTES_PER_ROW;
    this.bytes = Buffer.from(reuse && reuse.byteLength >= size ? reuse : new SharedArrayBuffer(size));
  }

  /** Appends a row (a line of COPY's text format, without its end) and its newline. */
  add(row: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; room for that, so a write is never cut.
    const room = row.length * 3 + 1;
    if (this.length + room > this.bytes.length) this.grow(this.length + room);
    this.length += this.bytes.write(row, this.length);
    this.bytes[this.length++] = NEWLINE;
  }

  /** The rows so far: a view of the shared memory (not copied). */
  done(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const larger = Buffer.from(new SharedArrayBuffer(Math.max(needed, this.bytes.length * 2)));
    this.bytes.copy(larger, 0, 0, this.length);
    this.bytes = larger;
  }
}

/** The shared memory under packed rows, to pack the next batch into once these are written (null when they are not in shared memory). */
export const memoryOf = (rows: Uint8Array): SharedArrayBuffer | null => (rows.buffer instanceof SharedArrayBuffer ? rows.buffer : null);

/** What a packed decision usually takes (~700 bytes, most of it the transaction): one allocation per batch, mostly. */
const BYTES_PER_ROW = 1024;
const NEWLINE = 0x0a;

/** Rows as one, in order. */
export function joinRows(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(new SharedArrayBuffer(Math.max(parts.reduce((n, p) => n + p.length, 0), 1)));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined.subarray(0, offset);
}

/** The rows whose `keep` is true (rows end with a newline; COPY's text format escapes the others). */
export function keepRows(rows: Uint8Array, keep: readonly boolean[]): Uint8Array {
  const kept: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; start < rows.length; i++) {
    const end = rows.indexOf(NEWLINE, start) + 1;
    if (end === 0) throw new Error('a packed row has no end');
    if (keep[i]) kept.push(rows.subarray(start, end));
    start = end;
  }
  return joinRows(kept);
}
