import { INVALID_UTF8_LINE } from './records';

const LF = 0x0a;
const CR = 0x0d;

/** A partial line is held whole up to this many bytes (past the longest row a parser reads anyway). */
const MAX_HELD_LINE_BYTES = 4 * 1024 * 1024;

// fatal: a bad sequence throws instead of becoming U+FFFD; ignoreBOM: the parsers drop a leading BOM themselves.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes (an upload, a request body) → UTF-8 text, decoded up to the last line end that has arrived ("\n"
 * and "\r" never occur inside a UTF-8 sequence). A line that is not valid UTF-8 arrives as
 * INVALID_UTF8_LINE, so the parser reports it by its number instead of reading replacement characters.
 * Holds at most one partial line, cut on a character boundary once it passes `maxHeldLineBytes`.
 */
export async function* utf8Lines(chunks: AsyncIterable<Uint8Array>, maxHeldLineBytes = MAX_HELD_LINE_BYTES): AsyncGenerator<string> {
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    const bytes = carry.length > 0 ? concat(carry, chunk) : chunk;
    let cut = afterLastLineEnd(bytes);
    if (cut === 0 && bytes.length > maxHeldLineBytes) cut = characterBoundary(bytes);
    carry = bytes.slice(cut);
    if (cut > 0) yield decodeLines(bytes.subarray(0, cut));
  }
  if (carry.length > 0) yield decodeLines(carry);
}

function decodeLines(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let out = '';
    for (let start = 0; start < bytes.length; ) {
      const end = lineEnd(bytes, start);
      const line = bytes.subarray(start, end);
      const ending = end > start && (bytes[end - 1] === LF || bytes[end - 1] === CR) ? 1 : 0;
      try {
        out += utf8.decode(line);
      } catch {
        out += INVALID_UTF8_LINE + (ending ? String.fromCharCode(bytes[end - 1]!) : '');
      }
      start = end;
    }
    return out;
  }
}

/** Just past the last "\n" or "\r" of `bytes` (0 when there is none), scanning back from the end. */
function afterLastLineEnd(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i >= 0 && bytes[i] !== LF && bytes[i] !== CR) i--;
  return i + 1;
}

/** The end of the line starting at `start`, past its "\n" or "\r" (a "\r\n" is two lines here: the "\n" one is empty). */
function lineEnd(bytes: Uint8Array, start: number): number {
  const lf = bytes.indexOf(LF, start);
  const cr = bytes.indexOf(CR, start);
  const first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  return first === -1 ? bytes.length : first + 1;
}

/** Where to cut `bytes` so that no character is split: before a last sequence that is not complete. */
function characterBoundary(bytes: Uint8Array): number {
  let lead = bytes.length - 1;
  while (lead > bytes.length - 4 && lead > 0 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  const byte = bytes[lead]!;
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + length > bytes.length ? lead : bytes.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
