/**
 * The decision log's worker thread (lib/services/decision-log-writer.ts). Plain ESM that registers
 * its own TypeScript loader (tsx, a runtime dependency) and the `server-only` resolver, so it loads the
 * same way under `npm start`, `next start` (whose bundles the worker cannot use) and the tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import './server-only.mjs';

register();
const { serveDecisionLogWrites } = await import('../lib/services/decision-log-worker.ts');
serveDecisionLogWrites(parentPort, workerData.url);
