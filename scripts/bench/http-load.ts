/**
 * The load generators and process helpers the API benchmarks share (`npm run bench:api`,
 * `npm run bench:traffic`): a closed loop (autocannon), an open loop at a fixed offered rate (its own
 * process, scripts/bench/open-loop.mjs), servers started as child processes, free ports.
 */
import autocannon from 'autocannon';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import path from 'node:path';

const ROOT = process.cwd();
/** Pause before each run, so the previous run's backlog drains. */
export const DRAIN_MS = 3000;

export interface Run {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  total: number;
  /** Answered with 2xx. */
  answered: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  name?: string;
}

export interface OpenLoopOptions {
  rate: number;
  seconds: number;
  connections: number;
  name: string;
  /** Called once the load is running (e.g. to schedule a fault). */
  started?: () => void;
}

/** One open-loop run, driven from its own process; latency from each request's send. */
export async function openLoop(url: string, headers: Record<string, string>, bodiesFile: string, options: OpenLoopOptions): Promise<Run> {
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  const configFile = path.join(path.dirname(bodiesFile), 'open-loop.json');
  writeFileSync(configFile, JSON.stringify({ url, headers, bodiesFile, rate: options.rate, seconds: options.seconds, connections: options.connections }));
  const output = new Promise<string>((resolve, reject) =>
    execFile('node', [path.join(ROOT, 'scripts/bench/open-loop.mjs'), configFile], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  options.started?.();
  const result = JSON.parse((await output).trim().split('\n').pop()!) as { completed: number; errors: number; seconds: number; p50: number; p99: number; max: number; lateP99: number };
  const run: Run = { name: options.name, requestsPerSecond: result.completed / result.seconds, p50: result.p50, p99: result.p99, max: result.max, errors: result.errors, total: result.completed, answered: result.completed };
  console.log(`    ${options.name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.p99.toFixed(2)} ms, ${run.errors} errors (sends late by ${result.lateP99.toFixed(2)} ms at p99)`);
  return run;
}

/** One autocannon run; latencies are recorded here too, at sub-millisecond precision. */
export async function load(url: string, headers: Record<string, string>, bodies: string[], options: LoadOptions): Promise<Run> {
  let next = Math.floor(Math.random() * bodies.length);
  const latencies: number[] = [];
  let failed = 0;
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers,
        connections: options.connections,
        duration: options.seconds,
        requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else failed++;
    });
  });
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const run: Run = {
    name: options.name ?? 'warm-up',
    requestsPerSecond: (result.requests.total ?? 0) / options.seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors: failed + result.errors + result.timeouts,
    total: result.requests.total ?? 0,
    answered: latencies.length,
  };
  if (options.name) console.log(`    ${run.name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.p99.toFixed(2)} ms, ${run.errors} errors`);
  return run;
}

export function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) console.error(`${args.join(' ')} exited with ${code ?? signal}`);
  });
  return child;
}

export async function waitReady(url: string, method = 'GET'): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(url, { method, ...(method === 'POST' ? { body: '{"transaction":{}}' } : {}) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => resolve(s)); })),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
