import 'server-only';
import type { Db } from '@/db/client';
import { verifyApiKey, type ApiScope } from '@/lib/services/api-keys';
import { apiError, type ApiError } from './errors';

export interface Caller {
  id: string;
  name: string;
  scopes: readonly ApiScope[];
}

export type AuthResult = { ok: true; caller: Caller } | { ok: false; error: ApiError };

/** Anything that can read a request header (a Web Request, or a plain Node request adapted). */
export interface HeaderSource {
  headers: { get(name: string): string | null };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** `Authorization: Bearer sk_...` with the scope an endpoint needs: 401 without a valid key, 403 without the scope. */
export async function authenticate(db: Db, request: Pick<Request, 'headers'> | HeaderSource, scope: ApiScope): Promise<AuthResult> {
  const header = request.headers.get('authorization');
  const secret = header ? (BEARER.exec(header)?.[1] ?? '') : null;
  const verified = await verifyApiKey(db, secret, scope);
  if (verified.ok) return { ok: true, caller: verified.key };
  if (verified.reason === 'scope') return { ok: false, error: apiError(403, 'forbidden', verified.message) };
  return {
    ok: false,
    error: apiError(401, 'unauthorized', verified.message, { headers: { 'WWW-Authenticate': `Bearer realm="switchyard", scope="${scope}"` } }),
  };
}
