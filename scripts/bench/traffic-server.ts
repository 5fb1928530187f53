/**
 * The decide server of `npm run bench:traffic`, without Next.js (no production build needed): Node's
 * HTTP server with the app's own handlers — serveDecide for POST /api/v1/decide (as `npm start`
 * serves it), and the route modules of GET /api/health and POST /api/v1/attempts called with Web
 * requests — plus, for the bench to read what was stored through this process's own connection:
 * GET /bench/rows?key=<api key id> (decisions stored for that key, the rollups' count, the log's
 * status) and GET /bench/decisions?key=…&limit=… (ids and first candidates, to report attempts for).
 *
 * Usage: PORT=… [DATABASE_URL=… | SWITCHYARD_DATA_DIR=…] node --import tsx --import ./server/server-only.mjs scripts/bench/traffic-server.ts
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { getConnection } from '@/db';
import { queryRows } from '@/db/rows';
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from '@/lib/http/client-address';
import { decisionCache, decisionLog } from '@/lib/services/decisions';
import * as health from '@/app/api/health/route';
import * as attempts from '@/app/api/v1/attempts/route';
import { isDecideRequest, serveDecide } from '../../server/decide';

const port = Number(process.env.PORT);
await decisionCache();

const server = createServer((req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req);
  if (isDecideRequest(req)) return serveDecide(req, res);
  void route(req, res).catch((error: unknown) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log('ready'));

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/api/health') return send(res, await health.GET());
  if (url.pathname === '/api/v1/attempts' && req.method === 'POST') {
    const request = new Request(url, { method: 'POST', headers: req.headers as Record<string, string>, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
    return send(res, await attempts.POST(request, { params: Promise.resolve({}) }));
  }
  if (url.pathname === '/bench/rows') {
    const key = url.searchParams.get('key') ?? '';
    const { db } = await getConnection();
    const [rows] = await queryRows<{ n: unknown }>(db, sql`select count(*) as n from decision_log where api_key_id = ${key}`);
    const [rolled] = await queryRows<{ n: unknown }>(db, sql`select coalesce(sum(decisions), 0) as n from traffic_routes where grain = 'minute'`);
    return send(res, Response.json({ rows: Number(rows!.n), rollup_decisions: Number(rolled!.n), log: decisionLog()?.status() ?? null }));
  }
  if (url.pathname === '/bench/decisions') {
    const { db } = await getConnection();
    const rows = await queryRows<{ id: string; processor: string }>(db, sql`
      select id, candidates->>0 as processor from decision_log
      where api_key_id = ${url.searchParams.get('key') ?? ''} and outcome = 'route' order by id limit ${Number(url.searchParams.get('limit') ?? 1000)}`);
    return send(res, Response.json(rows));
  }
  res.writeHead(404).end();
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  await new Promise<void>((resolve, reject) => Readable.fromWeb(response.body as never).on('error', reject).pipe(res).on('finish', resolve));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void (decisionLog()?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}
