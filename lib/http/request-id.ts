import 'server-only';
import { randomBytes } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// A caller's id is echoed only when it is short and harmless in logs and headers.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Fresh ids are this process's random tag and a counter: unique across instances without drawing
// randomness per request (the decide hot path), and still 24 characters like before.
const PROCESS_TAG = randomBytes(5).toString('hex');
let sequence = 0;

/** The caller's `X-Request-Id` when it is a sane token, else a fresh `req_...`. */
export function requestIdOf(request: { headers: { get(name: string): string | null } }): string {
  const given = request.headers.get(REQUEST_ID_HEADER);
  return given && SAFE_ID.test(given) ? given : `req_${PROCESS_TAG}${(++sequence).toString(16).padStart(14, '0')}`;
}
