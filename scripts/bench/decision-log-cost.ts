/**
 * `npm run bench:api` (e): what recording decisions costs decide, measured side by side on three copies
 * of the dedicated server over one database: `on` (recording, the default writer: a worker thread on
 * Postgres), `thread` (recording, batches prepared and written on decide's own thread:
 * SWITCHYARD_DECISION_WRITER=thread, the writer before the worker) and `off` (SWITCHYARD_DECISION_LOG=off,
 * the baseline). Closed-loop runs alternate between the three, LOG_ROUNDS short rounds each, every
 * other round in reverse order (on, thread, off, then off, thread, on): on a shared machine the
 * speed drifts by tens of percent over a minute, and many short interleaved runs put the same drift
 * on each kind. Then an open loop at a fixed rate on each for the latency. The verdict is `on`
 * against `off`, over all rounds; the spread of the rounds' own ratios is reported beside it.
 */
import { median } from './editor-report';
import { load, openLoop, type Run } from './http-load';
import { addSpent, cpuTimes, noCpu, perRequest, type CpuTimes } from './process-cpu';

const LOG_ROUNDS = 6;
/** Each closed-loop run is this share of a phase's seconds (at least MIN_RUN_SECONDS): the rounds together take about a phase per kind. */
const RUN_SHARE = 1 / 3;
const MIN_RUN_SECONDS = 5;
const LATENCY_RATE = 1000;
const LATENCY_CONNECTIONS = 128;
/** The log writes its last batch up to a flush interval (1 s) and that write's time after the load ends. */
const LAST_WRITE_MS = 1500;

export interface LogServers {
  on: string;
  thread: string;
  off: string;
}

export interface LogStatus {
  backlog: number;
  dropped: number;
  written: number;
}

export interface LogCost {
  closed: Record<keyof LogServers, Run[]>;
  /** CPU microseconds per answered request over each kind's closed-loop runs, by part. */
  cpu: Record<keyof LogServers, CpuTimes>;
  open: Record<keyof LogServers, Run>;
  /** The `on` server's log once its buffer is written. */
  logged: LogStatus;
}

export interface LoadSetup {
  headers: Record<string, string>;
  bodies: string[];
  bodiesFile: string;
  connections: number;
  seconds: number;
}

const KINDS = ['on', 'thread', 'off'] as const;
const LABEL: Record<keyof LogServers, string> = { on: 'recording, worker', thread: 'recording, in-thread', off: 'not recording' };

/** `pids`: each server's process, whose CPU time (and Postgres's, and this process's) is read around each run. */
export async function decisionLogCost(urls: LogServers, pids: Record<keyof LogServers, number>, setup: LoadSetup, healthOfOn: string): Promise<LogCost> {
  const { headers, bodies, bodiesFile, connections, seconds } = setup;
  // The warm-up's decisions written first: the log's worker starts (and loads its code) on the first write, which is not what the rounds measure.
  await recordedAll(healthOfOn);
  const runSeconds = Math.max(MIN_RUN_SECONDS, Math.round(seconds * RUN_SHARE));
  console.log(`(e) closed loop, ${connections} connections, ${LOG_ROUNDS} rounds of ${runSeconds} s: ${KINDS.map((k) => LABEL[k]).join(', ')}, alternating`);
  const closed: LogCost['closed'] = { on: [], thread: [], off: [] };
  const spent: LogCost['cpu'] = { on: noCpu(), thread: noCpu(), off: noCpu() };
  for (let round = 1; round <= LOG_ROUNDS; round++) {
    for (const kind of round % 2 === 1 ? KINDS : [...KINDS].reverse()) {
      const before = cpuTimes(pids[kind]);
      closed[kind].push(await load(urls[kind], headers, bodies, { connections, seconds: runSeconds, name: `(e) ${LABEL[kind]} #${round}` }));
      await new Promise((r) => setTimeout(r, LAST_WRITE_MS)); // counted with the run
      addSpent(spent[kind], before, cpuTimes(pids[kind]));
    }
  }
  const cpu = Object.fromEntries(KINDS.map((k) => [k, perRequest(spent[k], closed[k].reduce((n, r) => n + r.answered, 0))])) as LogCost['cpu'];
  console.log(`(e) open loop, ${LATENCY_RATE} req/s offered, ${seconds} s`);
  const open = {} as LogCost['open'];
  for (const kind of KINDS) {
    open[kind] = await openLoop(urls[kind], headers, bodiesFile, { rate: LATENCY_RATE, seconds, connections: LATENCY_CONNECTIONS, name: `(e) ${LABEL[kind]}, ${LATENCY_RATE}/s` });
  }
  return { closed, cpu, open, logged: await recordedAll(healthOfOn) };
}

/** The recording server's decision log once its buffer is written (at most 30 s after the load), and something was. */
async function recordedAll(healthUrl: string): Promise<LogStatus> {
  let status: LogStatus = { backlog: -1, dropped: -1, written: 0 };
  for (let i = 0; i < 120; i++) {
    status = ((await (await fetch(healthUrl)).json()) as { decision_log: LogStatus }).decision_log;
    if (status.backlog === 0 && status.written > 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return status;
}

const mean = (list: Run[]) => list.reduce((sum, r) => sum + r.requestsPerSecond, 0) / list.length;

export function logCostReport(cost: LogCost): { lines: string[]; checks: [string, boolean][] } {
  const { closed, cpu, open, logged } = cost;
  const cpuLine = (kind: keyof LogServers) => {
    const c = cpu[kind];
    return `${LABEL[kind]} ${(c.main + c.others + c.postgres + c.generator).toFixed(0)} = server ${c.main.toFixed(0)} + its other threads ${c.others.toFixed(0)} + Postgres ${c.postgres.toFixed(0)} + load generator ${c.generator.toFixed(0)}`;
  };
  const share = mean(closed.on) / mean(closed.off);
  const threadShare = mean(closed.thread) / mean(closed.off);
  const roundShares = closed.on.map((run, i) => run.requestsPerSecond / closed.off[i]!.requestsPerSecond).sort((a, b) => a - b);
  const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
  const lines = [
    `(e) decision log: ${Math.round(mean(closed.on))} req/s recording (worker), ${Math.round(mean(closed.thread))} req/s recording (in-thread), ` +
      `${Math.round(mean(closed.off))} req/s not recording (mean of ${LOG_ROUNDS} alternating runs each): ${percent(share)} (in-thread writer ${percent(threadShare)}); ` +
      `round by round ${percent(roundShares[0]!)} to ${percent(roundShares.at(-1)!)}, median ${percent(median(roundShares))}; ` +
      `the recording server wrote ${logged.written} decisions, ${logged.backlog} left in its buffer, ${logged.dropped} dropped`,
    `(e) CPU µs per request (closed loop; all of the machine's Postgres): ${KINDS.map(cpuLine).join('; ')}`,
    `(e) at ${LATENCY_RATE} req/s offered, p50 / p99 ms: recording (worker) ${open.on.p50.toFixed(2)} / ${open.on.p99.toFixed(2)}, ` +
      `in-thread ${open.thread.p50.toFixed(2)} / ${open.thread.p99.toFixed(2)}, not recording ${open.off.p50.toFixed(2)} / ${open.off.p99.toFixed(2)}; errors ${open.on.errors} / ${open.thread.errors} / ${open.off.errors}`,
  ];
  const checks: [string, boolean][] = [
    ['recording decisions keeps >= 80% of the throughput without (e)', share >= 0.8],
    ['every recorded decision written, none dropped (e)', logged.backlog === 0 && logged.dropped === 0 && logged.written > 0],
  ];
  return { lines, checks };
}
