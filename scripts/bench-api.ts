/**
 * `npm run bench:api`: the decide API under load, against the ceiling of this machine, in one run.
 *
 * Starts, on loopback:
 *   - bare:      a bare node:http server that parses the same body and answers a fixed decision;
 *   - next:      `next start`, where POST /api/v1/decide is a Next.js route handler;
 *   - dedicated: `npm start` (server/main.ts), where the same route handler is served straight from
 *                Node's HTTP server next to Next.js.
 * and drives each with autocannon and distinct transactions:
 *   (a) closed loop, 64 connections, 20 s (autocannon);
 *   (b) open loop at 1,500 req/s offered, 20 s: each request sent at its scheduled instant from a
 *       separate process (scripts/bench/open-loop.mjs; autocannon's rate limit sends in bursts);
 *   (c) (a) against `dedicated` while the database goes away half-way: real Postgres (DATABASE_URL) is
 *       cut off by closing the TCP proxy the server connects through; the embedded PGlite is closed
 *       inside the server (SIGUSR2, enabled by SWITCHYARD_FAULT_SIGNALS=1);
 *   (d) the transaction lint every decide runs (its `warnings`), on the same clean payments in this
 *       process, in rounds alternating with the decide service call it is part of: its time per
 *       payment against the service's, and against the time (a) spent per dedicated request (the
 *       server runs it on its one thread, so that share is what the lint costs the clean path);
 *   (e) the decision log's cost (scripts/bench/decision-log-cost.ts): (a) against `dedicated`
 *       (recording every decision, the default), `threaded` (recording, batches written from decide's
 *       own thread: SWITCHYARD_DECISION_WRITER=thread) and `unlogged` (SWITCHYARD_DECISION_LOG=off),
 *       alternating, two runs each, then an open loop at 1,000 req/s on each for the latency; the
 *       recording server's buffer is then checked to have been written (backlog 0, no drops); and,
 *       in this process, the log's write cost per decision in batches of 1,000 against 5,000
 *       (scripts/bench/decision-log-batches.ts). BENCH_ONLY=log runs (e) alone (no bare or Next.js server).
 *   (f) rollouts (scripts/bench/rollouts.ts): decide with a shadow and with a canary against without,
 *       canary share accuracy, a planted guardrail breach, no answer outside the rollout.
 *       BENCH_ONLY=rollouts runs (f) alone.
 * Needs a production build (`npm run build`). BENCH_SECONDS shortens every phase (default 20).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Connection } from '../db/client';
import { seedDemoData } from '../db/seed';
import { createApiKey } from '../lib/services/api-keys';
import { decide, DecisionCache } from '../lib/services/decisions';
import { generateTransactions } from '../lib/simulation';
import { systemContext } from '../lib/services/context';
import { lintTransaction } from '../lib/transactions';
import { DRAIN_MS, freePorts, load, openLoop, start, waitReady, type Run } from './bench/http-load';
import { decisionLogCost, logCostReport, type LogCost, type LogServers } from './bench/decision-log-cost';
import { batchWriteCost, type BatchWriteCost } from './bench/decision-log-batches';
import { serverOnItsOwnCore } from './bench/cpu-layout';
import { rolloutBench, rolloutReport } from './bench/rollouts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 64;
const OFFERED_RATE = 1500;
const OPEN_LOOP_CONNECTIONS = 128; // at most this many requests in flight; more wait for a free connection
const ROOT = process.cwd();

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'rollouts') return rolloutsOnly();
  if (process.env.BENCH_ONLY === 'log') return logOnly();
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first.');
  const database = await prepareDatabase();
  const [barePort, nextPort, dedicatedPort, unloggedPort, threadedPort] = await freePorts(5);
  const bodies = [...generateTransactions(10_000, { seed: 7 })].map((transaction) => JSON.stringify({ transaction }));
  const bodiesFolder = mkdtempSync(path.join(tmpdir(), 'switchyard-bench-bodies-'));
  const bodiesFile = path.join(bodiesFolder, 'bodies.jsonl');
  writeFileSync(bodiesFile, bodies.join('\n'));
  const children: ChildProcess[] = [];
  try {
    children.push(start('node', ['scripts/bench/bare-decide-server.mjs', String(barePort)], {}));
    const nextServer = start('node', ['node_modules/next/dist/bin/next', 'start', '-p', String(nextPort), '-H', '127.0.0.1'], database.envFor('next'));
    children.push(nextServer);
    const dedicated = start(
      'node',
      [...profileFlags(), ...dedicatedArgs(dedicatedPort!)],
      { ...database.envFor('dedicated'), SWITCHYARD_FAULT_SIGNALS: '1' },
    );
    children.push(dedicated);
    const unloggedServer = start('node', dedicatedArgs(unloggedPort!), { ...database.envFor('unlogged'), SWITCHYARD_DECISION_LOG: 'off' });
    const threadedServer = start('node', dedicatedArgs(threadedPort!), { ...database.envFor('threaded'), SWITCHYARD_DECISION_WRITER: 'thread' });
    children.push(unloggedServer, threadedServer);
    const unlogged = `http://127.0.0.1:${unloggedPort}/api/v1/decide`;
    const threaded = `http://127.0.0.1:${threadedPort}/api/v1/decide`;
    // Next.js last in each phase: it is still working through its backlog when its run ends.
    const targets = {
      bare: `http://127.0.0.1:${barePort}/api/v1/decide`,
      dedicated: `http://127.0.0.1:${dedicatedPort}/api/v1/decide`,
      next: `http://127.0.0.1:${nextPort}/api/v1/decide`,
    };
    await Promise.all([
      waitReady(`http://127.0.0.1:${barePort}/`, 'POST'), waitReady(`http://127.0.0.1:${nextPort}/api/health`), waitReady(`http://127.0.0.1:${dedicatedPort}/api/health`),
      waitReady(`http://127.0.0.1:${unloggedPort}/api/health`), waitReady(`http://127.0.0.1:${threadedPort}/api/health`),
    ]);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${database.key}` };
    for (const url of [...Object.values(targets), unlogged, threaded]) await load(url, headers, bodies, { connections: 8, seconds: 2 }); // warm up

    const runs: Run[] = [];
    console.log(`(a) closed loop, ${CONNECTIONS} connections, ${SECONDS} s`);
    for (const [name, url] of Object.entries(targets)) runs.push(await load(url, headers, bodies, { connections: CONNECTIONS, seconds: SECONDS, name: `(a) ${name}` }));
    console.log(`(b) open loop, ${OFFERED_RATE} req/s offered, ${SECONDS} s`);
    for (const [name, url] of Object.entries(targets)) {
      runs.push(await openLoop(url, headers, bodiesFile, { rate: OFFERED_RATE, seconds: SECONDS, connections: OPEN_LOOP_CONNECTIONS, name: `(b) ${name}` }));
    }
    nextServer.kill('SIGTERM'); // done with it; its backlog must not weigh on (c) and (e)
    const logCost = await decisionLogCost({ on: targets.dedicated, thread: threaded, off: unlogged }, { on: dedicated.pid!, thread: threadedServer.pid!, off: unloggedServer.pid! }, { headers, bodies, bodiesFile, connections: CONNECTIONS, seconds: SECONDS }, `http://127.0.0.1:${dedicatedPort}/api/health`);
    const batches = await batchCost(database);
    console.log(`(c) closed loop on dedicated, database ${database.kind === 'postgres' ? 'cut off' : 'closed'} after ${SECONDS / 2} s`);
    const outage = setTimeout(() => {
      if (database.cut) database.cut();
      else dedicated.kill('SIGUSR2');
      console.log('    … database gone');
    }, DRAIN_MS + (SECONDS / 2) * 1000);
    runs.push(await load(targets.dedicated, headers, bodies, { connections: CONNECTIONS, seconds: SECONDS, name: '(c) dedicated, db away' }));
    clearTimeout(outage);
    const health = await (await fetch(`http://127.0.0.1:${dedicatedPort}/api/health`)).json() as { status: string; cache: { stale_ms: number } };
    const write = await fetch(`http://127.0.0.1:${dedicatedPort}/api/v1/processor-routes`, {
      method: 'POST', headers, body: JSON.stringify({ name: 'During outage', processors: ['proc_stripe'] }),
    });

    const lint = await lintCost(bodies);
    const rollout = await rolloutBench(bodies);
    report(runs, database.kind, lint, logCost, batches, rolloutReport(rollout));
    console.log(`\nafter the outage: /api/health says "${health.status}" (cache stale for ${health.cache.stale_ms} ms); a write answers ${write.status}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(bodiesFolder, { recursive: true, force: true });
    await database.close();
  }
}

interface LintCost {
  /** Median over rounds of the lint's time per payment, in microseconds. */
  microseconds: number;
  /** The same for the whole decide service call (parse, target, lint, decision), interleaved with the lint's rounds. */
  serviceMicroseconds: number;
  /** Warnings over all the payments: 0, or they are not clean. */
  warnings: number;
  payments: number;
}

/**
 * The lint alone and the decide service it runs in, on every payment, in alternating rounds in this
 * process (a demo account of its own in memory: the decisions do not depend on the database); the
 * median round of each, per payment.
 */
async function lintCost(bodies: string[]): Promise<LintCost> {
  const connection = await openDatabase({ kind: 'memory' });
  await connection.migrate();
  await seedDemoData(connection.db);
  const cache = new DecisionCache(connection, { heartbeatMs: 0 });
  try {
    const catalog = (await cache.ready()).context.catalog;
    const inputs = bodies.map((b) => JSON.parse(b) as { transaction: unknown });
    let warnings = 0;
    for (const { transaction } of inputs) warnings += lintTransaction(transaction, catalog).length;
    const perPayment = (work: (input: { transaction: unknown }) => unknown) => {
      const started = process.hrtime.bigint();
      for (const input of inputs) work(input);
      return Number(process.hrtime.bigint() - started) / 1000 / inputs.length;
    };
    const lint: number[] = [];
    const service: number[] = [];
    for (let round = 0; round < 15; round++) {
      lint.push(perPayment((input) => lintTransaction(input.transaction, catalog)));
      service.push(perPayment((input) => decide(cache, input)));
    }
    const median = (list: number[]) => list.sort((x, y) => x - y)[Math.floor(list.length / 2)]!;
    return { microseconds: median(lint), serviceMicroseconds: median(service), warnings, payments: inputs.length };
  } finally {
    await cache.stop();
    await connection.close();
  }
}

/** BENCH_ONLY=rollouts: phase (f) alone (no build, no servers). */
async function rolloutsOnly(): Promise<void> {
  const bodies = [...generateTransactions(10_000, { seed: 7 })].map((transaction) => JSON.stringify({ transaction }));
  const { lines, checks } = rolloutReport(await rolloutBench(bodies));
  console.log(`\nnpm run bench:api (BENCH_ONLY=rollouts) — ${new Date().toISOString()}`);
  for (const line of lines) console.log(line);
  for (const [what, passed] of checks) console.log(`${passed ? 'PASS' : 'FAIL'}  ${what}`);
  if (checks.some(([, passed]) => !passed)) process.exitCode = 1;
}

function report(runs: Run[], kind: string, lint: LintCost, logCost: LogCost, batches: BatchWriteCost, rollout: ReturnType<typeof rolloutReport>): void {
  const bare = (prefix: string) => runs.find((r) => r.name === `${prefix} bare`)!;
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\nnpm run bench:api — ${new Date().toISOString()} — database: ${kind}, ${SECONDS} s per phase`);
  console.log(`${'run'.padEnd(24)}${pad('req/s', 9)}${pad('of bare', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}${pad('errors', 8)}${pad('total', 9)}`);
  for (const r of runs) {
    const ceiling = bare(r.name.startsWith('(b)') ? '(b)' : '(a)');
    const share = r.name.endsWith('bare') ? '' : `${Math.round((100 * r.requestsPerSecond) / ceiling.requestsPerSecond)}%`;
    console.log(
      `${r.name.padEnd(24)}${pad(Math.round(r.requestsPerSecond), 9)}${pad(share, 9)}${pad(r.p50.toFixed(2), 9)}${pad(r.p99.toFixed(2), 9)}${pad(r.max.toFixed(1), 9)}${pad(r.errors, 8)}${pad(r.total, 9)}`,
    );
  }
  const a = runs.find((r) => r.name === '(a) dedicated')!;
  const b = runs.find((r) => r.name === '(b) dedicated')!;
  const c = runs.find((r) => r.name.startsWith('(c)'))!;
  // (a) runs the server flat out on one thread: each request took 1/rps of it, the lint included.
  const requestMicroseconds = 1e6 / a.requestsPerSecond;
  const lintShare = lint.microseconds / (requestMicroseconds - lint.microseconds);
  console.log(
    `(d) lint, clean payment: ${lint.microseconds.toFixed(2)} µs per payment (${lint.warnings} warnings on ${lint.payments} payments), ` +
      `${(100 * lint.microseconds / lint.serviceMicroseconds).toFixed(1)}% of the decide service's ${lint.serviceMicroseconds.toFixed(2)} µs; ` +
      `a dedicated request at (a) takes ${requestMicroseconds.toFixed(1)} µs: the lint makes it ${(100 * lintShare).toFixed(2)}% slower than without`,
  );
  const log = logCostReport(logCost);
  for (const line of [...log.lines, ...batches.lines, ...rollout.lines]) console.log(line);
  const checks = [
    ...rollout.checks,
    batchCheck(batches),
    [`decide throughput >= 40% of bare (a)`, a.requestsPerSecond >= 0.4 * bare('(a)').requestsPerSecond],
    ...log.checks,
    [`p99 < 10 ms at ${OFFERED_RATE} req/s offered (b)`, b.p99 < 10],
    ['zero errors (a, b)', a.errors === 0 && b.errors === 0],
    ['zero failed decides while the database is away (c)', c.errors === 0],
    ['the lint makes a clean decide < 5% slower (d)', lint.warnings === 0 && lintShare < 0.05],
  ] as const;
  for (const [what, passed] of checks) console.log(`${passed ? 'PASS' : 'FAIL'}  ${what}`);
  if (checks.some(([, passed]) => !passed)) process.exitCode = 1; // a FAIL fails the run
}

const dedicatedArgs = (port: number) => ['--import', 'tsx', '--import', './server/server-only.mjs', 'server/main.ts', '-p', String(port), '-H', '127.0.0.1'];

/** BENCH_ONLY=log: phase (e) alone, on the three dedicated servers it compares. */
async function logOnly(): Promise<void> {
  const database = await prepareDatabase();
  const ports = await freePorts(3);
  const kinds = ['on', 'thread', 'off'] as const;
  const env: Record<(typeof kinds)[number], Record<string, string>> = { on: {}, thread: { SWITCHYARD_DECISION_WRITER: 'thread' }, off: { SWITCHYARD_DECISION_LOG: 'off' } };
  const bodies = [...generateTransactions(10_000, { seed: 7 })].map((transaction) => JSON.stringify({ transaction }));
  const bodiesFolder = mkdtempSync(path.join(tmpdir(), 'switchyard-bench-bodies-'));
  const bodiesFile = path.join(bodiesFolder, 'bodies.jsonl');
  writeFileSync(bodiesFile, bodies.join('\n'));
  // Pinned last, right before the try whose finally moves everything back (Postgres too).
  const layout = process.env.BENCH_LAYOUT === 'pinned' ? serverOnItsOwnCore() : null;
  console.log(layout ? layout.description : 'shared CPUs');
  const [command, ...commandArgs] = layout?.serverCommand ?? ['node'];
  const children = kinds.map((kind, i) => start(command!, [...commandArgs, ...profileFlags(kind), ...dedicatedArgs(ports[i]!)], { ...database.envFor(kind), ...env[kind] }));
  try {
    const origin = (i: number) => `http://127.0.0.1:${ports[i]}`;
    await Promise.all(kinds.map((_, i) => waitReady(`${origin(i)}/api/health`)));
    const urls = Object.fromEntries(kinds.map((kind, i) => [kind, `${origin(i)}/api/v1/decide`])) as unknown as LogServers;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${database.key}` };
    for (const url of Object.values(urls)) await load(url, headers, bodies, { connections: 8, seconds: 2 }); // warm up
    const pids = Object.fromEntries(kinds.map((kind, i) => [kind, children[i]!.pid!])) as unknown as Record<keyof LogServers, number>;
    const { lines, checks } = logCostReport(await decisionLogCost(urls, pids, { headers, bodies, bodiesFile, connections: CONNECTIONS, seconds: SECONDS }, `${origin(0)}/api/health`));
    const batches = await batchCost(database);
    checks.push(batchCheck(batches));
    console.log(`\nnpm run bench:api (BENCH_ONLY=log) — ${new Date().toISOString()} — database: ${database.kind}, ${SECONDS} s per phase`);
    for (const line of [...lines, ...batches.lines]) console.log(line);
    for (const [what, passed] of checks) console.log(`${passed ? 'PASS' : 'FAIL'}  ${what}`);
    if (checks.some(([, passed]) => !passed)) process.exitCode = 1; // a FAIL fails the run
  } finally {
    for (const child of children) child.kill('SIGTERM');
    layout?.restore();
    rmSync(bodiesFolder, { recursive: true, force: true });
    await database.close();
  }
}

/** (e) in this process: the log's write cost per decision by batch size, on the bench's database (a copy of it, for PGlite). */
async function batchCost(database: BenchDatabase): Promise<BatchWriteCost> {
  const env = database.envFor('batches');
  const connection = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.SWITCHYARD_DATA_DIR! });
  try {
    return await batchWriteCost(connection, [...generateTransactions(2000, { seed: 11 })]);
  } finally {
    await connection.close();
  }
}

/** Why the log writes every second rather than at every pack: larger batches cost less per decision. */
const batchCheck = ({ bySize }: BatchWriteCost): [string, boolean] => [
  'writing the log in batches of 5,000 costs less CPU per decision than in batches of 1,000 (e)',
  bySize[5000].process + bySize[5000].database < bySize[1000].process + bySize[1000].database,
];

interface BenchDatabase {
  kind: 'postgres' | 'pglite';
  /** The environment of each server; embedded PGlite admits one process per data directory, so each gets a copy. */
  envFor(server: string): Record<string, string>;
  key: string;
  /** Cuts the server off its database (real Postgres only; PGlite is closed by a signal). */
  cut?: () => void;
  close(): Promise<void>;
}

/** A fresh database of its own, seeded with the demo account and one decide key. */
async function prepareDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `switchyard_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const direct = new URL(url);
    direct.pathname = `/${name}`;
    const key = await seed(await openDatabase({ kind: 'postgres', url: direct.toString() }));
    const proxy = await tcpProxy(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(direct);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    return {
      kind: 'postgres',
      envFor: () => ({ DATABASE_URL: viaProxy.toString() }),
      key,
      cut: proxy.cut,
      async close() {
        proxy.cut();
        const cleanup = postgres(url, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
        await cleanup.end();
      },
    };
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'switchyard-bench-'));
  const dataDir = path.join(folder, 'pglite');
  const key = await seed(await openDatabase({ kind: 'pglite', dataDir }));
  const envFor = (server: string) => {
    const copy = path.join(folder, `pglite-${server}`);
    cpSync(dataDir, copy, { recursive: true });
    return { SWITCHYARD_DATA_DIR: copy, DATABASE_URL: '' };
  };
  return { kind: 'pglite', envFor, key, close: async () => rmSync(folder, { recursive: true, force: true }) };
}

async function seed(connection: Connection): Promise<string> {
  try {
    await connection.migrate();
    await seedDemoData(connection.db);
    const created = await createApiKey(systemContext(connection.db, 'setup'), { name: 'bench', scopes: ['decide', 'write'] });
    if (!created.ok) throw new Error('could not create the bench key');
    return created.value.secret;
  } finally {
    await connection.close();
  }
}

/** A TCP pass-through to Postgres; `cut` closes it and every connection through it, as if the host went away. */
async function tcpProxy(host: string, port: number): Promise<{ port: number; cut: () => void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

/**
 * BENCH_CPU_PROFILE=folder writes V8 CPU profiles (open them in Chrome DevTools): of the dedicated
 * (recording) server there; with BENCH_ONLY=log, of each server it compares into folder/<kind>.
 */
function profileFlags(kind?: string): string[] {
  const folder = process.env.BENCH_CPU_PROFILE;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(folder, kind ?? '')}`] : [];
}

main().then(
  () => process.exit(), // process.exitCode: 1 when a check failed
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
