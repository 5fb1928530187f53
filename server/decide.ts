import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  apiError, apiErrorOf, apiErrorOfThrown, authenticate, checkJsonHeaders, databaseForHandlers, decodeJsonBytes, errorBody,
  MAX_BODY_BYTES, payloadTooLarge, queryOf, REQUEST_ID_HEADER, requestIdOf, type ApiError, type HeaderSource,
} from '@/lib/http';
import type { AuthResult } from '@/lib/http/auth';
import type { Result } from '@/lib/services/result';
import { decideWithAppCache, type DecideResponse } from '@/lib/services/decisions';

/**
 * POST /api/v1/decide served straight on Node's request and response, in the same process as Next.js.
 * Every step is the route handler's own function (request id, `authenticate`, `checkJsonHeaders`,
 * `decodeJsonBytes`, `decideWithAppCache`, `apiErrorOfThrown`); only reading the body is Node's. Building Web Request/Response objects for each
 * call costs several times the decision itself; docs/decide.md has the measurements.
 *
 * Once warm (key seen, cache loaded) a request creates no promise: every step below is a plain call,
 * and only reading the body waits, on the request's own events. Next.js keeps AsyncLocalStorage, which
 * on Node 20 runs a hook for every promise in the process, so promises are the costliest thing here.
 */
export const DECIDE_PATH = '/api/v1/decide';

export function isDecideRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return url === DECIDE_PATH || url.startsWith(`${DECIDE_PATH}?`);
}

/** One decide exchange; its methods are the steps, each called when the previous one has its answer. */
class DecideExchange {
  private readonly headers: HeaderSource = { headers: { get: (name) => this.header(name.toLowerCase()) } };
  private readonly requestId: string;
  private apiKeyId: string | null = null;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.requestId = requestIdOf(this.headers);
  }

  start(): void {
    if (this.req.method !== 'POST') {
      return this.refuse(apiError(405, 'method_not_allowed', `${this.req.method} is not allowed here; use POST.`, { headers: { Allow: 'POST' } }));
    }
    const db = databaseForHandlers();
    const auth = db instanceof Promise ? db.then((d) => authenticate(d, this.headers, 'decide')) : authenticate(db, this.headers, 'decide');
    if (auth instanceof Promise) auth.then((a) => this.authenticated(a), (error: unknown) => this.failed(error));
    else this.authenticated(auth);
  }

  private authenticated(auth: AuthResult): void {
    if (!auth.ok) return this.refuse(auth.error);
    this.apiKeyId = auth.caller.id;
    const refused = checkJsonHeaders(this.headers.headers, MAX_BODY_BYTES);
    if (refused) return refused.status === 413 ? this.tooLarge() : this.refuse(refused);
    readBody(this.req, this);
  }

  /** The whole body has arrived. */
  body(bytes: Buffer): void {
    const body = decodeJsonBytes(bytes);
    if (!body.ok) return this.refuse(body.error);
    try {
      const result = decideWithAppCache(body.value, queryOf(this.req.url), this.apiKeyId);
      if (result instanceof Promise) result.then((r) => this.decided(r), (error: unknown) => this.failed(error));
      else this.decided(result);
    } catch (error) {
      this.failed(error);
    }
  }

  tooLarge(): void {
    this.refuse({ ...payloadTooLarge(MAX_BODY_BYTES), headers: { connection: 'close' } });
  }

  failed(error: unknown): void {
    this.refuse(apiErrorOfThrown(error, this.requestId, `POST ${DECIDE_PATH}`));
  }

  private decided(result: Result<DecideResponse>): void {
    if (!result.ok) return this.refuse(apiErrorOf(result.error));
    this.send(200, JSON.stringify(result.value));
  }

  private refuse(error: ApiError): void {
    if (!this.req.readableEnded) this.req.resume(); // drain what was not read, so the connection stays usable
    this.send(error.status, JSON.stringify(errorBody(error)), error.headers);
  }

  private send(status: number, payload: string, extra?: Record<string, string>): void {
    if (this.res.headersSent) return; // answered already (e.g. 413 mid-body, then the upload broke)
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), [REQUEST_ID_HEADER]: this.requestId };
    this.res.writeHead(status, extra ? { ...headers, ...extra } : headers);
    this.res.end(payload);
  }

  private header(name: string): string | null {
    const value = this.req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
}

export function serveDecide(req: IncomingMessage, res: ServerResponse): void {
  const exchange = new DecideExchange(req, res);
  try {
    exchange.start();
  } catch (error) {
    exchange.failed(error);
  }
}

/** Reads the body, trusting neither the declared length nor its absence: the streamed count is checked too. */
function readBody(req: IncomingMessage, exchange: DecideExchange): void {
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let total = 0;
  const onData = (chunk: Buffer) => {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) {
      req.off('data', onData);
      req.off('end', onEnd);
      // Answered: a later error on the upload has no one to tell, but must not go unhandled.
      req.off('error', onError);
      req.on('error', ignore);
      exchange.tooLarge();
    } else if (!first) first = chunk;
    else (chunks ??= [first]).push(chunk);
  };
  const onEnd = () => {
    try {
      exchange.body(chunks ? Buffer.concat(chunks, total) : (first ?? Buffer.alloc(0)));
    } catch (error) {
      exchange.failed(error);
    }
  };
  const onError = (error: Error) => exchange.failed(error);
  req.on('data', onData);
  req.once('end', onEnd);
  req.once('error', onError);
}

const ignore = () => {};
