import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARM_ROUTES, warmRoutes } from './warm-routes';

/** A stand-in for `next dev`: records what is asked for, answers pages with two scripts each. */
describe('warmRoutes', () => {
  const asked: string[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      inFlight++;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      setTimeout(() => {
        inFlight--;
        if (req.url!.startsWith('/_next/')) return res.end('//');
        const id = encodeURIComponent(req.url!);
        res.end(`<html><script src="/_next/static/chunks/a${id}.js" async=""></script><script src="/_next/static/chunks/b${id}.js"></script></html>`);
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('asks for every route in its wave order, with the scripts each page loads, and says when done', async () => {
    const lines: string[] = [];
    await warmRoutes(origin, (line) => lines.push(line));
    const pages = asked.filter((a) => !a.includes('/_next/'));
    expect(pages.slice(0, 2).sort()).toEqual(['GET /', 'POST /api/v1/decide']);
    expect(pages.slice(2)).toEqual(WARM_ROUTES.slice(1).flat().map((r) => `GET ${r.path}`));
    const routes = WARM_ROUTES.flat().length;
    expect(asked.filter((a) => a.includes('/_next/static/chunks/'))).toHaveLength(2 * routes);
    expect(mostAtOnce).toBeLessThanOrEqual(4); // one wave and its scripts at a time, never everything at once
    expect(lines).toEqual([expect.stringMatching(/^✓ Switchyard: main pages compiled in \d+\.\d s/)]);
  });

  it('stops quietly when nothing listens', async () => {
    const lines: string[] = [];
    await warmRoutes('http://127.0.0.1:1', (line) => lines.push(line));
    expect(lines).toEqual([]);
  });
});
