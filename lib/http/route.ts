import 'server-only';
import type { Db } from '@/db/client';
import type { ApiScope } from '@/lib/services/api-keys';
import { claimIdempotencyKey, completeIdempotencyKey, isValidIdempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH } from '@/lib/services/idempotency';
import type { ServiceContext } from '@/lib/services/context';
import type { Result } from '@/lib/services/result';
import { authenticate, type Caller } from './auth';
import { clientAddress } from './client-address';
import { readJsonBody } from './body';
import { databaseForHandlers } from './database';
import { REQUEST_DEADLINE_MS, transactionWithin, within } from './deadline';
import { apiError, errorResponse, type ApiError } from './errors';
import { apiErrorOfThrown } from './thrown';
import { respond } from './respond';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { contentSecurityPolicy } from './content-security-policy';
import { targetRefusal } from './target-refusal';
import { ID_PATTERN, ID_RULE, quote } from '@/lib/text/hostile';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

export interface HandlerContext {
  request: Request;
  db: Db;
  params: Record<string, string>;
  requestId: string;
  caller: Caller;
  /** For service calls: the caller as an API key actor, and for writes the request's transaction as `db`. */
  service: ServiceContext;
  /** The parsed JSON body, when the endpoint reads one. */
  body: unknown;
}

export interface Endpoint {
  scope: ApiScope;
  /** `json`: a JSON body is required; `optional`: an empty body is allowed; absent: the handler reads the request itself, or nothing. */
  body?: 'json' | 'optional';
  /** Status of a successful answer (201 for creations). */
  status?: number;
  /** A POST that creates: an `Idempotency-Key` replays its first answer. */
  idempotent?: boolean;
  handle(context: HandlerContext): Promise<Result<unknown> | Response>;
}

type NextContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (request: Request, context: NextContext) => Promise<Response>;

/**
 * Every /api/v1 route: request id, request target (400 for a query that does not decode), method check
 * (405 with `Allow`), API key and scope, body, idempotency, then one service call whose `Result` maps to
 * the response, which carries the non-page Content-Security-Policy. Endpoints with the `write` scope run
 * in one database transaction with the idempotency record; the service's own write (and its audit
 * entry) is a savepoint in it, rolled back when the service refuses. A database that cannot be reached
 * is a 503.
 *
 * proxy.ts does not run for /api/v1 (its matcher leaves out paths without a percent-escape): an API key
 * route needs no session or page policy, and a proxied request costs Next.js a copy of its body and a
 * second Web Request (docs/decide.md, "The route handler under next start"). So the checks the proxy would make are made
 * here: the query's escapes, and the policy header. A path with an escape still goes through the proxy.
 */
export function defineRoute(endpoints: Partial<Record<Method, Endpoint>>): Record<Method, RouteHandler> {
  const allow = METHODS.filter((m) => endpoints[m]).join(', ');
  const handlers = {} as Record<Method, RouteHandler>;
  for (const method of METHODS) {
    const endpoint = endpoints[method];
    handlers[method] = async (request, context) => {
      const requestId = requestIdOf(request);
      const params = await paramsOf(context);
      const refused = request.url.includes('%') ? targetRefusal(request) : undefined;
      const badParam = refused ?? (endpoint ? checkParams(params) : undefined);
      const response = badParam
        ? errorResponse(badParam)
        : endpoint
        ? await run(endpoint, request, params, requestId)
        : errorResponse(apiError(405, 'method_not_allowed', `${method} is not allowed here; use ${allow}.`, { headers: { Allow: allow } }));
      return withApiHeaders(response, requestId);
    };
  }
  return handlers;
}

/** The API's answers carry the policy of what is not a page: no script but this origin's, no framing. */
const API_POLICY = contentSecurityPolicy({ dev: process.env.NODE_ENV === 'development' });

function withApiHeaders(response: Response, requestId: string): Response {
  return withHeader(withHeader(response, REQUEST_ID_HEADER, requestId), 'Content-Security-Policy', API_POLICY);
}

/** Answers every method with the same error: unknown paths under /api/v1. */
export function notFoundRoute(): Record<Method, RouteHandler> {
  const handler: RouteHandler = async (request) =>
    withApiHeaders(
      errorResponse(targetRefusal(request) ?? apiError(404, 'not_found', `No endpoint at ${quote(new URL(request.url).pathname, 120)}. See /api/v1/openapi.json.`)),
      requestIdOf(request),
    );
  return Object.fromEntries(METHODS.map((m) => [m, handler])) as Record<Method, RouteHandler>;
}

async function run(endpoint: Endpoint, request: Request, params: Record<string, string>, requestId: string): Promise<Response> {
  try {
    const db = await within(REQUEST_DEADLINE_MS, Promise.resolve(databaseForHandlers()));
    const auth = await authenticate(db, request, endpoint.scope);
    if (!auth.ok) return errorResponse(auth.error);
    let body: unknown;
    if (endpoint.body) {
      const read = await readJsonBody(request, { optional: endpoint.body === 'optional' });
      if (!read.ok) return errorResponse(read.error);
      body = read.value;
    }
    const { caller } = auth;
    const actor = { kind: 'api_key', id: caller.id, prefix: caller.prefix, scopes: caller.scopes, ownerId: caller.ownerId } as const;
    const service: ServiceContext = { db, actor, via: 'api', address: clientAddress(request.headers) };
    const context: HandlerContext = { request, db, params, requestId, caller, service, body };
    if (endpoint.scope !== 'write') return responseOf(endpoint, await within(REQUEST_DEADLINE_MS, endpoint.handle(context)));
    // A write runs in one transaction with its idempotency record: it lands whole, before the deadline, or not at all.
    return await transactionWithin(db, REQUEST_DEADLINE_MS, (tx) => runWrite(endpoint, { ...context, db: tx, service: { ...service, db: tx } }));
  } catch (error) {
    return errorResponse(apiErrorOfThrown(error, requestId, `${request.method} ${new URL(request.url).pathname}`));
  }
}

// Path parameters are ids (their own charset and length) or version numbers (decimal digits): anything
// else cannot name a record, and is refused before a query is built from it.
const VERSION_PARAM = /^[1-9][0-9]{0,8}$/;

function checkParams(params: Record<string, string>): ApiError | undefined {
  for (const [name, value] of Object.entries(params)) {
    const valid = name === 'version' ? VERSION_PARAM.test(value) : ID_PATTERN.test(value);
    if (valid) continue;
    const rule = name === 'version' ? 'not a version number (a whole number from 1, in decimal digits)' : ID_RULE;
    return apiError(400, 'invalid_request', `The ${name} in the path is ${rule}.`, { issues: [{ path: [name], message: rule }] });
  }
  return undefined;
}

async function runWrite(endpoint: Endpoint, context: HandlerContext): Promise<Response> {
  const { db, request, caller } = context;
  const key = endpoint.idempotent ? request.headers.get('idempotency-key') : null;
  if (key !== null) {
    if (!isValidIdempotencyKey(key)) {
      return errorResponse(apiError(400, 'invalid_request', `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters.`, {
        issues: [{ path: ['headers', 'Idempotency-Key'], message: 'invalid idempotency key' }],
      }));
    }
    const claim = await claimIdempotencyKey(db, { apiKeyId: caller.id, key, method: request.method, path: new URL(request.url).pathname, body: context.body });
    if (claim.kind === 'replay') return withHeader(replayResponse(claim.status, claim.body), 'Idempotent-Replayed', 'true');
    if (claim.kind === 'mismatch') {
      return errorResponse(apiError(422, 'idempotency_conflict', 'This Idempotency-Key was already used with a different request; use a new key for a new request.'));
    }
  }
  const response = responseOf(endpoint, await endpoint.handle(context));
  if (key !== null) {
    const stored = response.status === 204 ? null : await response.clone().json();
    await completeIdempotencyKey(db, caller.id, key, response.status, stored);
  }
  return response;
}

const responseOf = (endpoint: Endpoint, outcome: Result<unknown> | Response) => (outcome instanceof Response ? outcome : respond(outcome, endpoint.status));

function replayResponse(status: number, body: unknown): Response {
  return status === 204 || body === null ? new Response(null, { status }) : Response.json(body, { status });
}

async function paramsOf(context: NextContext | undefined): Promise<Record<string, string>> {
  const raw = (await context?.params) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
}

/** Sets a header, copying the response when its headers are immutable. */
export function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
