import 'server-only';
import { utf8Lines } from '@/lib/simulation/utf8-lines';
import { quote } from '@/lib/text/hostile';
import { apiError, type ApiError } from './errors';

/** Request bodies are JSON of at most 1 MB, nested at most 64 levels deep. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_BODY_DEPTH = 64;

export type BodyResult = { ok: true; value: unknown; text: string } | { ok: false; error: ApiError };

export interface BodyOptions {
  maxBytes?: number;
  maxDepth?: number;
  /** An empty body (with or without a content type) reads as `undefined` instead of an error. */
  optional?: boolean;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The one body reader of every handler: content type, size (declared and actually streamed), UTF-8,
 * nesting depth, then JSON. Every refusal is an API error with its status.
 */
export async function readJsonBody(request: Request, options: BodyOptions = {}): Promise<BodyResult> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  const declared = request.headers.get('content-length');
  const emptyByDeclaration = declared === '0' || (declared === null && request.body === null);
  if (options.optional && emptyByDeclaration) return { ok: true, value: undefined, text: '' };
  const refused = checkJsonHeaders(request.headers, maxBytes);
  if (refused) return failure(refused);
  const bytes = await readBytes(request, maxBytes);
  if (!bytes.ok) return bytes;
  if (options.optional && isBlank(bytes.value)) return { ok: true, value: undefined, text: '' };
  return decodeJsonBytes(bytes.value, options.maxDepth ?? MAX_BODY_DEPTH);
}

/**
 * What is checked of a JSON request before its body is read, by the route handlers and the dedicated
 * decide handler alike: a JSON content type (415) and the declared length (413).
 */
export function checkJsonHeaders(headers: { get(name: string): string | null }, maxBytes = MAX_BODY_BYTES): ApiError | undefined {
  const wrongType = checkJsonContentType(headers.get('content-type'));
  if (wrongType) return wrongType;
  const declared = Number(headers.get('content-length'));
  return Number.isFinite(declared) && declared > maxBytes ? payloadTooLarge(maxBytes) : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body once read, by both handlers: UTF-8 (400), nesting depth (400), then JSON (400). */
export function decodeJsonBytes(bytes: Uint8Array, maxDepth = MAX_BODY_DEPTH): BodyResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return failure(apiError(400, 'invalid_json', 'The body is not valid UTF-8.'));
  }
  return parseJsonText(text, maxDepth);
}

const isBlank = (bytes: Uint8Array) => bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09);

/** 415 unless the content type is JSON (`application/json` or `application/*+json`). */
export function checkJsonContentType(contentType: string | null): ApiError | undefined {
  if (contentType && JSON_TYPE.test(contentType)) return undefined;
  return apiError(415, 'unsupported_media_type', `Send the body as JSON with "Content-Type: application/json"${contentType ? ` (got "${quote(contentType, 60)}")` : ''}.`);
}

export const payloadTooLarge = (maxBytes: number): ApiError => apiError(413, 'payload_too_large', `The body is larger than ${formatBytes(maxBytes)}.`);

/** JSON text → value, refusing nesting deeper than `maxDepth` before the parser sees it. */
export function parseJsonText(text: string, maxDepth = MAX_BODY_DEPTH): BodyResult {
  const depth = nestingDepth(text, maxDepth);
  if (depth > maxDepth) {
    return failure(apiError(400, 'invalid_request', `The JSON is nested more than ${maxDepth} levels deep.`, {
      issues: [{ path: [], message: `nested more than ${maxDepth} levels deep` }],
    }));
  }
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    return failure(apiError(400, 'invalid_json', `The body is not valid JSON: ${quote((error as Error).message, 120)}`));
  }
}

type Bytes = { ok: true; value: Uint8Array } | { ok: false; error: ApiError };

/** Reads the body, trusting neither the declared length nor its absence: the streamed count is checked too. */
export async function readBytes(request: Request, maxBytes: number): Promise<Bytes> {
  const tooLarge = (): Bytes => failure(payloadTooLarge(maxBytes));
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!request.body) return { ok: true, value: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch {
    return failure(apiError(400, 'invalid_request', 'The body could not be read to its end (the upload was cut off).'));
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, value: out };
}

/** Deepest `[`/`{` nesting outside strings, stopping early once past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

const failure = <T extends { ok: false; error: ApiError }>(error: ApiError) => ({ ok: false, error }) as T;

const JSON_LINES_TYPE = /^application\/(?:x-ndjson|ndjson|jsonl|x-jsonl|json-lines|jsonlines|x-jsonlines)\s*(?:;|$)/i;

/** JSON lines bodies are streamed, so they may be larger than a JSON body; this is their cap. */
export const MAX_JSON_LINES_BYTES = 100 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${formatBytes(maxBytes)}.`);
  }
}

/** Checks what can be checked of a JSON lines request before its body streams: type and declared size. */
export function checkJsonLinesRequest(request: Request, maxBytes = MAX_JSON_LINES_BYTES): ApiError | undefined {
  const contentType = request.headers.get('content-type');
  if (!contentType || !JSON_LINES_TYPE.test(contentType)) {
    return apiError(415, 'unsupported_media_type', `Send JSON lines with "Content-Type: application/x-ndjson"${contentType ? ` (got "${quote(contentType, 60)}")` : ''}.`);
  }
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return apiError(413, 'payload_too_large', `The body is larger than ${formatBytes(maxBytes)}.`);
  return undefined;
}

/**
 * The body as UTF-8 text chunks while it streams in; throws BodyTooLargeError once past `maxBytes`.
 * Decoded line by line: a line that is not valid UTF-8 arrives as a marker line, so it is reported
 * by its number rather than silently repaired (see utf8Lines).
 */
export async function* bodyTextChunks(request: Request, maxBytes = MAX_JSON_LINES_BYTES): AsyncGenerator<string> {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    yield* utf8Lines(capped(reader, maxBytes));
  } finally {
    await reader.cancel().catch(() => {});
  }
}

async function* capped(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.byteLength;
    if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
    yield value;
  }
}
