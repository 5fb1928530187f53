import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { getConnection } from '@/db';
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from '@/lib/http/client-address';
import { decisionCache, decisionLog } from '@/lib/services/decisions';
import { startAppTicker, stopAppTicker } from '@/lib/services/app-ticker';
import { isDecideRequest, serveDecide } from './decide';

/**
 * `npm start`: the production server. Next.js serves the app and the API; `POST /api/v1/decide`, the
 * one hot path, is taken by a small Node handler on the same port, in the same process, running the
 * same route handler and services (see docs/decide.md for the measurements behind this choice).
 *
 * Options as `next start`: -p/--port (or PORT), -H/--hostname (or HOSTNAME).
 */
const { values: options } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
});

const port = Number(options.port ?? process.env.PORT ?? 3000);
const hostname = options.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Warm the decide cache before taking traffic; without a database yet, the first decide tries again.
await Promise.resolve().then(decisionCache).catch((error: unknown) => console.error('decide cache not warmed:', error));

const server = createServer((req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req); // replaces any value the client sent
  if (isDecideRequest(req)) return serveDecide(req, res);
  void handle(req, res);
});
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
startAppTicker(); // scheduled changes; instrumentation.ts may have started it already (one per process)
server.listen(port, hostname, () => console.log(`switchyard ready on http://${hostname}:${port}`));

// `npm run bench:api` measures decide through a database outage: SIGUSR2 closes this process's
// connection (the only way to take an embedded PGlite away). Off unless asked for.
if (process.env.SWITCHYARD_FAULT_SIGNALS === '1') {
  process.on('SIGUSR2', () => void getConnection().then((c) => c.close()).then(() => console.error('fault: database connection closed')));
}

// On the way out, the decision log's buffer gets one last write (at most 5 s: not for a database that is away).
const LAST_WRITE_MS = 5000;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    const lastWrite = Promise.race([Promise.all([decisionLog()?.stop(), stopAppTicker()]), new Promise((resolve) => setTimeout(resolve, LAST_WRITE_MS).unref())]);
    void lastWrite.finally(() => app.close()).finally(() => process.exit(0));
  });
}
