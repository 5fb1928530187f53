import 'server-only';
import type { IncomingMessage } from 'node:http';

/**
 * The header `npm start` sets on every request before Next.js sees it (any value a client sent is
 * replaced), so route handlers know the client's address without trusting client-sent headers.
 */
export const CLIENT_ADDRESS_HEADER = 'x-switchyard-client-address';

/**
 * The client's address: the socket's peer, or, behind a proxy trusted with SWITCHYARD_TRUST_PROXY=1,
 * the last address that proxy appended to X-Forwarded-For.
 */
export function clientAddressOf(req: Pick<IncomingMessage, 'headers' | 'socket'>): string {
  if (process.env.SWITCHYARD_TRUST_PROXY === '1') {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
