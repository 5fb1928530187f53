import type { IncomingMessage } from 'node:http';

/**
 * The client's address as the request tells it: the first hop of X-Forwarded-For, else X-Real-IP.
 * Both are set by the proxy in front of the app, so this is what the audit trail records, not proof.
 */
export function clientAddress(headers: { get(name: string): string | null }): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 100);
  return headers.get('x-real-ip')?.trim().slice(0, 100) || null;
}

/**
 * The header `npm start` sets on every request before Next.js sees it (any value a client sent is
 * replaced), so the API key throttle counts failures by an address no client can choose.
 */
export const CLIENT_ADDRESS_HEADER = 'x-switchyard-client-address';

/**
 * The socket's peer, or, behind a proxy trusted with SWITCHYARD_TRUST_PROXY=1, the last address that
 * proxy appended to X-Forwarded-For.
 */
export function clientAddressOf(req: Pick<IncomingMessage, 'headers' | 'socket'>): string {
  if (process.env.SWITCHYARD_TRUST_PROXY === '1') {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
