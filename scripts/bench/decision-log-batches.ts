/**
 * `npm run bench:api` (e), in this process: what writing the decision log costs per decision in
 * batches of 1,000 (a 200 ms write interval at 5,000 decide/s) against 5,000 (the 1 s interval the
 * log writes at), the same kind of decisions, alternating, ROUNDS of each: this process's CPU (the
 * writer's JS and the driver) and the database's. Postgres counts separately; the embedded PGlite
 * runs in this process, so its work is in this process's figure.
 */
import type { Connection } from '../../db/client';
import { decide, DecisionCache } from '../../lib/services/decisions';
import type { DecisionLogEntry, DecisionRecorder } from '../../lib/services/decision-log';
import { packBatch, writePacked } from '../../lib/services/decision-log-store';
import { cpuTimes } from './process-cpu';

const SIZES = [1000, 5000] as const;
const ROUNDS = 3;
const PER_ROUND = 10_000;

export interface BatchWriteCost {
  /** CPU µs per decision written, by batch size: this process, the database's processes. */
  bySize: Record<(typeof SIZES)[number], { process: number; database: number }>;
  lines: string[];
}

export async function batchWriteCost(connection: Connection, transactions: readonly Record<string, unknown>[]): Promise<BatchWriteCost> {
  const cache = new DecisionCache(connection, { heartbeatMs: 0 });
  await cache.start();
  const entries: DecisionLogEntry[] = [];
  const spy: DecisionRecorder = { record: (entry) => void entries.push(entry) };
  const needed = ROUNDS * SIZES.length * PER_ROUND;
  for (let i = 0; entries.length < needed; i++) await decide(cache, { transaction: { ...transactions[i % transactions.length], id: `tx_batches_${i}` } }, undefined, { log: spy, apiKeyId: null });
  await cache.stop();
  const spent = Object.fromEntries(SIZES.map((size) => [size, { process: 0, database: 0 }])) as BatchWriteCost['bySize'];
  let next = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of SIZES) {
      const run = entries.slice(next, (next += PER_ROUND));
      const batches = [];
      for (let at = 0; at < run.length; at += size) batches.push(await packBatch(run.slice(at, at + size)));
      const before = cpuTimes(process.pid);
      for (const batch of batches) await writePacked(connection, batch);
      const after = cpuTimes(process.pid);
      spent[size].process += after.main + after.others - before.main - before.others;
      spent[size].database += after.postgres - before.postgres;
    }
  }
  const perDecision = (seconds: number) => (seconds * 1e6) / (ROUNDS * PER_ROUND);
  for (const size of SIZES) spent[size] = { process: perDecision(spent[size].process), database: perDecision(spent[size].database) };
  const [small, large] = SIZES.map((size) => spent[size]);
  const line = (size: number, c: { process: number; database: number }) => `batches of ${size}: ${c.process.toFixed(1)} + database ${c.database.toFixed(1)} = ${(c.process + c.database).toFixed(1)} µs`;
  return {
    bySize: spent,
    lines: [`(e) writing the log, CPU per decision (${ROUNDS} alternating rounds of ${PER_ROUND} each, in this process): ${line(SIZES[0], small!)}; ${line(SIZES[1], large!)}`],
  };
}
