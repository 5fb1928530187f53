import type { Problem } from '../types';
import { error } from './problems';
import { locateJsonError } from './json-error';

/** Sane limits, enforced before any deep work: a scheme larger than this is a mistake or an attack. */
export const LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 100_000,
} as const;

export type ReadResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** JSON text or an already parsed value → a value within the limits, or the one problem that refuses it. */
export function readInput(input: unknown): ReadResult {
  return typeof input === 'string' ? readText(input) : readValue(input);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3; // a surrogate pair totals 4
  }
  return bytes;
}

/** `bytes` when measured (text); a parsed value is only known to exceed the limit. */
function tooLarge(bytes?: number): ReadResult {
  const size = bytes === undefined ? '' : ` (${MB(bytes)})`;
  return { ok: false, problem: error('document_too_large', `The document is larger than ${MB(LIMITS.maxBytes)}${size}.`, []) };
}

const tooDeep = (): ReadResult => ({
  ok: false,
  problem: error('document_too_deep', `The document nests deeper than ${LIMITS.maxDepth} levels.`, []),
});

/** Finds nesting beyond the limit by scanning brackets outside strings, before JSON.parse sees the text. */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > LIMITS.maxDepth) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

function readText(text: string): ReadResult {
  if (text.length > LIMITS.maxBytes) return tooLarge(text.length);
  const bytes = utf8Length(text);
  if (bytes > LIMITS.maxBytes) return tooLarge(bytes);
  if (nestsTooDeep(text)) return tooDeep();
  try {
    return readValue(JSON.parse(text));
  } catch {
    const { line, column, message } = locateJsonError(text);
    return { ok: false, problem: error('json_syntax', `JSON syntax error at line ${line}, column ${column}: ${message}.`, []) };
  }
}

/**
 * Walks a parsed value without recursion, estimating its JSON size, and stops at the first limit crossed.
 * A value that refers to itself nests without end and is refused as too deep.
 */
function readValue(value: unknown): ReadResult {
  // Two stacks rather than one of pairs: a 10,000-node document holds ~150,000 values.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let bytes = 0;
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop()!;
    if (typeof current === 'string') bytes += current.length + 2;
    else if (current === null || typeof current !== 'object') bytes += 8;
    else {
      if (depth >= LIMITS.maxDepth) return tooDeep();
      bytes += 2;
      if (Array.isArray(current)) {
        for (const item of current) {
          values.push(item);
          depths.push(depth + 1);
        }
      } else {
        for (const key of Object.keys(current)) {
          bytes += key.length + 4;
          values.push((current as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    }
    if (bytes > LIMITS.maxBytes) return tooLarge();
  }
  const nodes = (value as { nodes?: unknown } | null)?.nodes;
  if (nodes !== null && typeof nodes === 'object' && Object.keys(nodes).length > LIMITS.maxNodes) {
    return {
      ok: false,
      problem: error('too_many_nodes', `The scheme has more than ${LIMITS.maxNodes.toLocaleString('en')} nodes.`, ['nodes']),
    };
  }
  return { ok: true, value };
}
