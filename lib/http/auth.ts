import 'server-only';
import type { Db } from '@/db/client';
import { isKnownApiKey, verifyApiKey, type ApiScope, type Verification } from '@/lib/services/api-keys';
import { authThrottle } from './auth-throttle';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { apiError, type ApiError } from './errors';

export interface Caller {
  id: string;
  name: string;
  /** The secret's first characters, as the key list shows them. */
  prefix: string;
  scopes: readonly ApiScope[];
  /** The admin who made the key. */
  ownerId: string | null;
}

export type AuthResult = { ok: true; caller: Caller } | { ok: false; error: ApiError };

/** Anything that can read a request header (a Web Request, or a plain Node request adapted). */
export interface HeaderSource {
  headers: { get(name: string): string | null };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * `Authorization: Bearer sk_...` with the scope an endpoint needs: 401 without a valid key, 403 without
 * the scope, 429 once the client's address has failed too often (see AuthThrottle). A key this instance
 * has seen is answered synchronously (no promise on the decide hot path).
 */
export function authenticate(db: Db, request: Pick<Request, 'headers'> | HeaderSource, scope: ApiScope): AuthResult | Promise<AuthResult> {
  const header = request.headers.get('authorization');
  const secret = header ? (BEARER.exec(header)?.[1] ?? '') : null;
  const address = request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  const wait = authThrottle.retryAfter(address);
  if (wait > 0 && !isKnownApiKey(secret)) return { ok: false, error: throttled(wait) };
  const verified = verifyApiKey(db, secret, scope);
  return verified instanceof Promise ? verified.then((v) => authResult(v, scope, address)) : authResult(verified, scope, address);
}

function authResult(verified: Verification, scope: ApiScope, address: string): AuthResult {
  if (verified.ok) return { ok: true, caller: verified.key };
  if (verified.reason === 'scope') return { ok: false, error: apiError(403, 'forbidden', verified.message) };
  if (verified.reason !== 'missing') authThrottle.failed(address);
  return {
    ok: false,
    error: apiError(401, 'unauthorized', verified.message, { headers: { 'WWW-Authenticate': `Bearer realm="switchyard", scope="${scope}"` } }),
  };
}

const throttled = (seconds: number): ApiError =>
  apiError(429, 'too_many_requests', `Too many requests with an invalid API key from this address; try again in ${seconds} s.`, {
    headers: { 'Retry-After': String(seconds) },
  });
