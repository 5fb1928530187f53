import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_WARM_ROUTES, SIGNED_IN_WARM_ROUTES, warmRoutes } from './warm-routes';

const SESSION = 'switchyard.session_token=abc.sig';
const PASSWORD = 'right-password-1';

/**
 * A stand-in for `next dev`: records what is asked for (and whether with the session cookie), answers
 * pages with two scripts each, and a sign-in endpoint that sets the cookie for the right password.
 */
describe('warmRoutes', () => {
  let asked: string[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const signedIn = req.headers.cookie === SESSION;
      inFlight++;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () =>
        setTimeout(() => {
          inFlight--;
          asked.push(`${req.method} ${req.url}${signedIn ? ' (signed in)' : ''}`);
          if (req.url === '/api/auth/sign-in/email') {
            if (JSON.parse(body).password !== PASSWORD || req.headers.origin !== origin) return res.writeHead(401).end('{}');
            return res.writeHead(200, { 'set-cookie': `${SESSION}; Path=/; HttpOnly; SameSite=Lax` }).end('{}');
          }
          if (req.url!.startsWith('/api/auth/') || req.url!.startsWith('/_next/')) return res.end('//');
          const id = encodeURIComponent(req.url!);
          res.end(`<html><script src="/_next/static/chunks/a${id}.js" async=""></script><script src="/_next/static/chunks/b${id}.js"></script></html>`);
        }, 20),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    asked = [];
    mostAtOnce = 0;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const pages = () => asked.filter((a) => !a.includes('/_next/'));

  it('asks for the public routes, signs in, asks for every page in its wave order with the session, signs out, and says when done', async () => {
    const lines: string[] = [];
    await warmRoutes(origin, async () => ({ email: 'admin@switchyard.local', password: PASSWORD }), (line) => lines.push(line));
    expect(pages().slice(0, 2).sort()).toEqual(['GET /sign-in', 'POST /api/v1/decide']);
    expect(pages()[2]).toBe('POST /api/auth/sign-in/email');
    expect(pages().slice(3, -1)).toEqual(SIGNED_IN_WARM_ROUTES.flat().map((r) => `GET ${r.path} (signed in)`));
    expect(pages().at(-1)).toBe('POST /api/auth/sign-out (signed in)');
    const routes = PUBLIC_WARM_ROUTES.flat().length + SIGNED_IN_WARM_ROUTES.flat().length;
    expect(asked.filter((a) => a.includes('/_next/static/chunks/'))).toHaveLength(2 * routes);
    expect(mostAtOnce).toBeLessThanOrEqual(4); // one wave and its scripts at a time, never everything at once
    expect(lines).toEqual([expect.stringMatching(/^✓ Switchyard: main pages compiled in \d+\.\d s/)]);
  });

  it('without credentials, or with wrong ones, warms only the public routes and says so', async () => {
    for (const credentials of [async () => null, async () => ({ email: 'admin@switchyard.local', password: 'wrong' })]) {
      asked = [];
      const lines: string[] = [];
      await warmRoutes(origin, credentials, (line) => lines.push(line));
      expect(pages().filter((p) => p.startsWith('GET') || p.includes('decide')).sort()).toEqual(['GET /sign-in', 'POST /api/v1/decide']);
      expect(pages().some((p) => p.includes('(signed in)'))).toBe(false);
      expect(lines).toEqual([expect.stringMatching(/^✓ Switchyard: sign-in page and decide compiled in \d+\.\d s \(other pages compile when first opened\)/)]);
    }
  });

  it('stops quietly when nothing listens', async () => {
    const lines: string[] = [];
    await warmRoutes('http://127.0.0.1:1', async () => null, (line) => lines.push(line));
    expect(lines).toEqual([]);
  });
});
