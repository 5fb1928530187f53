/**
 * `npm run bench:traffic`: the decision log, outcome feedback, dashboard and replay, measured in one run.
 *
 *   (a) no record lost: an open loop of BENCH_TRAFFIC_RATE decide/s (default 1,000) for
 *       BENCH_TRAFFIC_SECONDS (default 60) against a recording server; once its buffer is written,
 *       the decisions stored for the run's API key must equal the answers the load generator got;
 *   (b) a 10 s database outage at 1,200 decide/s (real Postgres only: the server connects through a
 *       TCP proxy that is cut, then restored): 0 failed decides; with the default buffer every
 *       decision lands after recovery; with a 4,000-decision buffer, stored + dropped = answered
 *       exactly, and the drops are what /api/health counts;
 *   (c) outcome ingest: one JSON-lines POST /api/v1/attempts of an attempt for 50,000 of (a)'s
 *       decisions (then the same file again: all replays);
 *   (d) the dashboard's panels over BENCH_TRAFFIC_DECISIONS recorded decisions spread over the last
 *       7 days (default 10,000,000 on Postgres, 1,000,000 on the embedded PGlite), each panel timed 5
 *       times for each window;
 *   (e) replaying BENCH_TRAFFIC_REPLAY (default 1,000,000) of those recorded decisions through two
 *       documents (the impact preview: the active version and an edited draft, with observed-rate
 *       estimates), against the batch simulation of the same transactions (one document) as the
 *       feature runs it: a JSON-lines file of them streamed into a run (parsed, simulated, stored).
 *       Both in this process, alternating, two rounds each; the same simulation over the
 *       transactions already parsed in memory is shown too (no input at all: not a run the app can do).
 *
 * (a)–(c) run a decide server of their own (scripts/bench/traffic-server.ts: the app's handlers on
 * Node's HTTP server, no Next.js build needed). (d) fills its database in bulk with SQL — rows like
 * the log's, and rollups made from those rows by the same grouping the writer uses — since writing
 * 10,000,000 decisions through the server would take hours; the dashboard reads only the rollups.
 * The attempts behind (d)'s approval figures exist only as rollups.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { openDatabase, type Connection, type Db } from '../db/client';
import { queryRows } from '../db/rows';
import { DEMO_SCHEME_ID, seedDemoData } from '../db/seed';
import { faultyProxy, type FaultyProxy } from '../app/api/v1/_tests/tcp-proxy';
import { loadAccountContext } from '../lib/services/account-context';
import { createApiKey } from '../lib/services/api-keys';
import { systemContext, type ServiceContext } from '../lib/services/context';
import { getScheme } from '../lib/services/schemes';
import { executeRun, prepareRun } from '../lib/services/simulation-runs';
import { compileFor } from '../lib/services/simulation-targets';
import { recordedTransactions } from '../lib/services/recorded-traffic';
import { ensurePartitions } from '../lib/services/traffic-partitions';
import { approvalBaselines, approvals, decisionSeries, latencySummary, liveTraffic, TRAFFIC_WINDOWS } from '../lib/services/traffic';
import { generateTransactions } from '../lib/simulation';
import { BatchAggregator } from '../lib/simulation/report';
import type { Transaction } from '../lib/engine';
import type { SchemeDocument } from '../lib/scheme/schema';
import { LATENCY_BOUNDS_US, OVERFLOW_BOUND_US } from '../lib/traffic/latency';
import { freePorts, openLoop, start, waitReady } from './bench/http-load';

const POSTGRES_URL = process.env.DATABASE_URL || '';
const RATE = Number(process.env.BENCH_TRAFFIC_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_TRAFFIC_SECONDS ?? 60);
const OUTAGE_RATE = 1200;
const OUTAGE_RUN_S = 30;
const OUTAGE_FROM_S = 10;
const OUTAGE_S = 10;
const SMALL_BUFFER = 4000;
const INGEST_LINES = 50_000;
const DASHBOARD_DECISIONS = Number(process.env.BENCH_TRAFFIC_DECISIONS ?? (POSTGRES_URL ? 10_000_000 : 1_000_000));
const REPLAY = Number(process.env.BENCH_TRAFFIC_REPLAY ?? 1_000_000);
const PANEL_RUNS = 5;
const DAY = 86_400_000;
const CONNECTIONS = 64;

interface Check {
  what: string;
  passed: boolean;
}
const checks: Check[] = [];
const check = (what: string, passed: boolean) => checks.push({ what, passed });
const round = (x: number) => Math.round(x).toLocaleString('en');

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'switchyard-bench-traffic-'));
  process.env.SWITCHYARD_SIMULATION_DIR = path.join(folder, 'simulation-inputs');
  const children: ChildProcess[] = [];
  const databases: TempDatabase[] = [];
  try {
    const live = await tempDatabase(folder, 'live');
    databases.push(live);
    const keys = await seedWithKeys(live, ['no-loss', 'outage', 'drops']);
    const bodiesFile = path.join(folder, 'bodies.jsonl');
    writeFileSync(bodiesFile, [...generateTransactions(10_000, { seed: 11 })].map((transaction) => JSON.stringify({ transaction })).join('\n'));

    // (a) no record lost
    const [port, outagePort, dropsPort] = await freePorts(3);
    const server = await startServer(children, port!, live.env());
    console.log(`(a) open loop, ${RATE} decide/s offered for ${SECONDS} s, recording`);
    const noLoss = await openLoop(`${server}/api/v1/decide`, headersOf(keys['no-loss']!.secret), bodiesFile, { rate: RATE, seconds: SECONDS, connections: CONNECTIONS, name: '(a) recording' });
    const stored = await settled(server, keys['no-loss']!.id);
    console.log(`    answered ${round(noLoss.answered)}, stored ${round(stored.rows)} (${stored.log.dropped} dropped, backlog ${stored.log.backlog}); rollups count ${round(stored.rollup_decisions)}`);
    check(`(a) no record lost: decisions stored = answers counted by the load generator (${noLoss.answered})`, noLoss.errors === 0 && stored.rows === noLoss.answered && stored.log.dropped === 0);

    // (b) a database outage
    if (live.kind === 'postgres') {
      for (const [name, portOf, buffer, key] of [['default buffer', outagePort!, null, keys.outage!], [`buffer of ${SMALL_BUFFER}`, dropsPort!, SMALL_BUFFER, keys.drops!]] as const) {
        const proxy = await faultyProxy('127.0.0.1', Number(new URL(live.url!).port || 5432));
        try {
          const url = await startServer(children, portOf, { ...live.env(proxy), ...(buffer ? { SWITCHYARD_DECISION_BUFFER: String(buffer) } : {}) });
          console.log(`(b) ${OUTAGE_RATE} decide/s for ${OUTAGE_RUN_S} s, the database cut off from ${OUTAGE_FROM_S} s to ${OUTAGE_FROM_S + OUTAGE_S} s, ${name}`);
          const timers: NodeJS.Timeout[] = [];
          const run = await openLoop(`${url}/api/v1/decide`, headersOf(key.secret), bodiesFile, {
            rate: OUTAGE_RATE, seconds: OUTAGE_RUN_S, connections: CONNECTIONS, name: `(b) outage, ${name}`,
            started: () => {
              timers.push(setTimeout(() => proxy.cut(), OUTAGE_FROM_S * 1000), setTimeout(() => proxy.restore(), (OUTAGE_FROM_S + OUTAGE_S) * 1000));
            },
          });
          timers.forEach(clearTimeout);
          proxy.restore();
          const after = await settled(url, key.id);
          console.log(`    answered ${round(run.answered)} (${run.errors} failed), stored ${round(after.rows)}, dropped ${round(after.log.dropped)} (stored + dropped = ${round(after.rows + after.log.dropped)})`);
          check(`(b) 0 failed decides through the outage, ${name}`, run.errors === 0);
          if (buffer === null) check('(b) every buffered decision lands after recovery (0 lost below the buffer limit)', after.rows === run.answered && after.log.dropped === 0);
          else check(`(b) beyond the buffer, drops counted exactly: stored + dropped = answered, dropped > 0`, after.rows + after.log.dropped === run.answered && after.log.dropped > 0);
        } finally {
          await proxy.close();
        }
      }
    } else {
      console.log('(b) skipped: needs DATABASE_URL (an embedded PGlite cannot be taken away and brought back from outside its process)');
    }

    // (c) outcome ingest
    const decisions = (await (await fetch(`${server}/bench/decisions?key=${keys['no-loss']!.id}&limit=${INGEST_LINES}`)).json()) as { id: string; processor: string }[];
    const lines = decisions.map((d, i) => JSON.stringify({ decision_id: d.id, processor: d.processor, attempt: 1, outcome: i % 7 === 0 ? 'soft_decline' : 'approved', latency_ms: 200 + (i % 300) })).join('\n');
    console.log(`(c) outcome ingest: ${round(decisions.length)} attempts as JSON lines (${(lines.length / 1e6).toFixed(1)} MB)`);
    const ingest = await postLines(server, keys['no-loss']!.secret, lines);
    const replayed = await postLines(server, keys['no-loss']!.secret, lines);
    console.log(`    ${round(decisions.length / ingest.seconds)} attempts/s stored (${JSON.stringify(ingest.summary)}); sent again ${round(decisions.length / replayed.seconds)} attempts/s (${JSON.stringify(replayed.summary)})`);
    check('(c) outcome ingest through JSON lines >= 5,000 attempts/s', ingest.summary.stored === decisions.length && decisions.length / ingest.seconds >= 5000);
    check('(c) the same file again stores nothing', replayed.summary.replayed === decisions.length);
    for (const child of children.splice(0)) child.kill('SIGTERM');

    // (d) the dashboard over many recorded decisions
    const bulk = await tempDatabase(folder, 'dashboard');
    databases.push(bulk);
    const connection = await bulk.open();
    try {
      await connection.migrate();
      await seedDemoData(connection.db);
      console.log(`(d) filling a database with ${round(DASHBOARD_DECISIONS)} decisions over the last 7 days …`);
      const bulkDb = bulk.bulk(connection);
      const filled = await fill(bulkDb.db, DASHBOARD_DECISIONS).finally(() => bulkDb.close());
      console.log(`    in ${(filled / 1000).toFixed(0)} s; timing each panel ${PANEL_RUNS} times per window`);
      await dashboard(connection.db);
      // (e) replay
      await replay(connection.db);
    } finally {
      await connection.close();
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    for (const database of databases) await database.drop().catch(() => {});
    rmSync(folder, { recursive: true, force: true });
  }
  console.log(`\nnpm run bench:traffic — ${new Date().toISOString()} — database: ${POSTGRES_URL ? 'postgres' : 'pglite'}`);
  for (const c of checks) console.log(`${c.passed ? 'PASS' : 'FAIL'}  ${c.what}`);
  if (checks.some((c) => !c.passed)) process.exitCode = 1;
}

const headersOf = (secret: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${secret}` });

async function startServer(children: ChildProcess[], port: number, env: Record<string, string>): Promise<string> {
  children.push(start('node', ['--import', 'tsx', '--import', './server/server-only.mjs', 'scripts/bench/traffic-server.ts'], { ...env, PORT: String(port) }));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/api/health`);
  return url;
}

interface Stored {
  rows: number;
  rollup_decisions: number;
  log: { backlog: number; dropped: number; written: number };
}

/** What the server stored for `key`, once its buffer is empty (and stays so) — at most a minute. */
async function settled(server: string, key: string): Promise<Stored> {
  let last: Stored | null = null;
  for (let i = 0; i < 240; i++) {
    const now = (await (await fetch(`${server}/bench/rows?key=${key}`)).json()) as Stored;
    if (now.log.backlog === 0 && last && last.rows === now.rows) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last!;
}

async function postLines(server: string, secret: string, lines: string): Promise<{ seconds: number; summary: { stored: number; replayed: number; refused: number } }> {
  const started = performance.now();
  const response = await fetch(`${server}/api/v1/attempts`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${secret}` }, body: lines });
  const out = (await response.text()).trim().split('\n');
  const seconds = (performance.now() - started) / 1000;
  const last = JSON.parse(out[out.length - 1]!) as { summary?: { stored: number; replayed: number; refused: number } };
  if (!last.summary) throw new Error(`no summary: ${out.slice(-3).join('\n')}`);
  return { seconds, summary: last.summary };
}

/** Panel by panel, window by window: the median and slowest of PANEL_RUNS. */
async function dashboard(db: Db): Promise<void> {
  const now = Date.now();
  const panels: [string, () => Promise<unknown>][] = [];
  for (const window of TRAFFIC_WINDOWS) {
    panels.push([`decisions per minute, ${window}`, () => decisionSeries(db, window, now)]);
    panels.push([`shares, approvals, segments, ${window}`, () => approvals(db, window, now)]);
    panels.push([`latency p50/p99, ${window}`, () => latencySummary(db, window, now)]);
    panels.push([`live heat map, ${window}`, () => liveTraffic(db, DEMO_SCHEME_ID, window, now)]);
  }
  panels.push(['baseline flags (last hour vs 7 days)', () => approvalBaselines(db, now)]);
  let slowest = 0;
  for (const [name, panel] of panels) {
    const times: number[] = [];
    for (let i = 0; i < PANEL_RUNS; i++) {
      const started = performance.now();
      await panel();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    slowest = Math.max(slowest, times[times.length - 1]!);
    console.log(`    ${name.padEnd(40)} median ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(7)} ms   max ${times[times.length - 1]!.toFixed(1).padStart(7)} ms`);
  }
  check(`(d) every dashboard panel over ${round(DASHBOARD_DECISIONS)} recorded decisions answers in < 500 ms (slowest ${slowest.toFixed(0)} ms)`, slowest < 500);
}

/** The replay (impact preview over recorded traffic) against the batch simulation of the same transactions in memory. */
async function replay(db: Db): Promise<void> {
  const ctx: ServiceContext = { db, actor: { kind: 'system', name: 'bench' }, via: 'system' };
  const scheme = await getScheme(db, DEMO_SCHEME_ID);
  const edited = structuredClone(scheme!.document) as SchemeDocument;
  (edited.nodes.eu_priority as { processors: string[] }).processors = ['proc_stripe', 'proc_adyen_eu'];
  const after = compileFor({ kind: 'unsaved', revision: 0 }, edited, await loadAccountContext(db), 'after');
  if (!after.ok) throw new Error(after.error.message);
  const transactions: Transaction[] = [];
  for await (const page of recordedTransactions(db, { from: Date.now() - 8 * DAY, to: Date.now(), limit: REPLAY })) transactions.push(...page);
  const file = Buffer.from(transactions.map((tx) => JSON.stringify(tx)).join('\n'));
  console.log(`(e) replay of ${round(transactions.length)} recorded decisions through two documents, against the batch simulation of the same transactions (a ${(file.length / 1e6).toFixed(0)} MB JSON-lines file)`);
  const rates = { replay: [] as number[], batch: [] as number[], memory: [] as number[] };
  for (let i = 1; i <= 2; i++) {
    let started = performance.now();
    const aggregator = new BatchAggregator(after.value.plan, after.value.processors, 1);
    for (const tx of transactions) aggregator.add(tx);
    rates.memory.push(transactions.length / ((performance.now() - started) / 1000));
    started = performance.now();
    const batch = await prepareRun(ctx, DEMO_SCHEME_ID, {
      kind: 'batch', target: { kind: 'unsaved', document: edited, revision: 0 }, input: { kind: 'file', format: 'jsonl', file_name: 'recorded.jsonl', size: file.length },
    });
    if (!batch.ok) throw new Error(batch.error.message);
    const simulated = await executeRun(ctx, DEMO_SCHEME_ID, batch.value.id, chunksOf(file));
    if (!simulated.ok || simulated.value.status !== 'done' || simulated.value.kind !== 'batch') throw new Error(JSON.stringify(simulated));
    rates.batch.push(simulated.value.run.rows / ((performance.now() - started) / 1000));
    started = performance.now();
    const prepared = await prepareRun(ctx, DEMO_SCHEME_ID, {
      kind: 'impact', before: { kind: 'active' }, after: { kind: 'unsaved', document: edited, revision: 0 }, input: { kind: 'recorded', days: 8, limit: REPLAY, estimate_by: 'card_country' },
    });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const done = await executeRun(ctx, DEMO_SCHEME_ID, prepared.value.id, null);
    const seconds = (performance.now() - started) / 1000;
    if (!done.ok || done.value.status !== 'done' || done.value.kind !== 'impact') throw new Error(JSON.stringify(done));
    const { impact } = done.value;
    rates.replay.push(impact.total / seconds);
    console.log(
      `    round ${i}: batch simulation of the file ${round(rates.batch[i - 1]!)} tx/s (already parsed, in memory: ${round(rates.memory[i - 1]!)} tx/s); ` +
        `replay ${round(rates.replay[i - 1]!)} tx/s (${round(impact.total)} decided twice, ${round(impact.changed)} changed; ` +
        `observed approval ${pct(impact.observed!.before.approval_rate)} → ${pct(impact.observed!.after.approval_rate)}, unknown ${round(impact.observed!.after.unknown)})`,
    );
  }
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const share = mean(rates.replay) / mean(rates.batch);
  console.log(`    replay at ${(100 * share).toFixed(1)}% of the batch simulation's throughput`);
  check(`(e) replaying ${round(REPLAY)} recorded decisions through two documents at >= 50% of the batch simulation's throughput (${(100 * share).toFixed(1)}%)`, share >= 0.5);
}

async function* chunksOf(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 256 * 1024) yield bytes.subarray(at, at + 256 * 1024);
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/**
 * Fills the log with `total` decisions spread evenly over the last 7 days, 1,000,000 per step: the
 * rows (demo-like transactions; EU cards over 100 to Adyen EU, the rest to Stripe, risk 90+ blocked),
 * then their rollups by the grouping lib/traffic/rollups.ts uses, with one reported attempt per
 * routed decision (and a second, on Stripe, after a soft decline at Adyen EU). Returns the ms it took.
 */
async function fill(db: Db, total: number): Promise<number> {
  const started = performance.now();
  const end = Date.now();
  const span = 7 * DAY;
  await ensurePartitions(db, Array.from({ length: 9 }, (_, d) => end - d * DAY));
  const le = `case ${LATENCY_BOUNDS_US.map((b) => `when latency_us <= ${b} then ${b}`).join(' ')} else ${OVERFLOW_BOUND_US} end`;
  const step = 1_000_000;
  for (let first = 0; first < total; first += step) {
    const last = Math.min(total, first + step) - 1;
    const from = new Date(end - span + Math.floor((first * span) / total)).toISOString();
    const to = new Date(end - span + Math.floor(((last + 1) * span) / total)).toISOString();
    await db.execute(sql`
      insert into decision_log (id, decided_at, scheme_id, version, node, outcome, processor, candidates, api_key_id, latency_us, currency, card_country, card_brand, payment_method, transaction)
      select 'dec_' || lpad(to_hex(ms), 12, '0') || substr(md5(i::text), 1, 13), to_timestamp(ms / 1000.0), ${DEMO_SCHEME_ID}, 1,
        case when risk >= 90 then 'blocked_risk' when eu and amount > 100 then 'eu_priority' else 'fallback' end,
        case when risk >= 90 then 'blocked' else 'route' end,
        case when risk >= 90 then null when eu and amount > 100 then 'proc_adyen_eu' else 'proc_stripe' end,
        case when risk >= 90 then '[]'::jsonb when eu and amount > 100 then '["proc_adyen_eu","proc_stripe"]'::jsonb else '["proc_stripe"]'::jsonb end,
        'bench', 6 + h % 40 + (case when h % 997 = 0 then 3000 else 0 end), currency, country, brand, method,
        json_build_object('id', 'tx_' || i, 'amount', amount, 'currency', currency, 'payment_method', method,
          'card', json_build_object('brand', brand, 'issuer_country', country), 'customer', json_build_object('risk_score', risk, 'country', country),
          'created_at', to_char(to_timestamp(ms / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
      from (
        select i, ms, h, currency, country, brand, method, amount, risk, country in ('DE', 'FR', 'NL', 'ES', 'IT') as eu
        from (
          select i, ${end - span}::bigint + (i::bigint * ${span}::bigint) / ${total}::bigint as ms, abs(hashint4(i)) as h,
            (array['EUR','EUR','EUR','USD','USD','GBP','SEK','PLN'])[1 + abs(hashint4(i)) % 8] as currency,
            (array['DE','FR','NL','ES','IT','US','GB','SE','PL','BR','JP','CA'])[1 + (abs(hashint4(i)) / 8) % 12] as country,
            (array['visa','visa','mastercard','mastercard','amex'])[1 + (abs(hashint4(i)) / 96) % 5] as brand,
            (array['card','card','card','apple_pay','google_pay'])[1 + (abs(hashint4(i)) / 480) % 5] as method,
            round((5 + (abs(hashint4(i)) / 2400) % 400)::numeric, 2) as amount,
            (abs(hashint4(i)) / 960000) % 100 as risk
          from generate_series(${first}::integer, ${last}::integer) as i
        ) g
      ) t`);
    const chunk = sql`decided_at >= ${from}::timestamptz and decided_at < ${to}::timestamptz`;
    const grains = sql`(values ('minute'), ('hour')) as g(grain)`;
    const bucket = sql`date_trunc(g.grain, decided_at at time zone 'UTC') at time zone 'UTC'`;
    await db.execute(sql`
      insert into traffic_routes (bucket, grain, scheme_id, version, node, outcome, processor, decisions)
      select ${bucket}, g.grain, scheme_id, version, node, outcome, coalesce(processor, ''), count(*) from decision_log, ${grains} where ${chunk}
      group by 1, 2, 3, 4, 5, 6, 7
      on conflict (bucket, grain, scheme_id, version, node, outcome, processor) do update set decisions = traffic_routes.decisions + excluded.decisions`);
    await db.execute(sql`
      insert into traffic_branches (bucket, grain, scheme_id, version, node, branch, hits)
      select ${bucket}, g.grain, scheme_id, version, b.node, b.branch, count(*)
      from decision_log d, ${grains}, lateral (values (d.node, ''), ('risk_check', case when d.node = 'blocked_risk' then 'yes' else 'no' end),
        ('is_eu', case when d.node = 'eu_priority' then 'yes' else 'no' end)) as b(node, branch)
      where ${chunk} and not (b.node = 'is_eu' and d.node = 'blocked_risk')
      group by 1, 2, 3, 4, 5, 6
      on conflict (bucket, grain, scheme_id, version, node, branch) do update set hits = traffic_branches.hits + excluded.hits`);
    await db.execute(sql`
      insert into traffic_latency (bucket, grain, le_us, decisions)
      select ${bucket}, g.grain, ${sql.raw(le)}, count(*) from decision_log, ${grains} where ${chunk}
      group by 1, 2, 3
      on conflict (bucket, grain, le_us) do update set decisions = traffic_latency.decisions + excluded.decisions`);
    // Decisions per segment and first choice, then attempt 1 on the first candidate, attempt 2 on Stripe after a soft decline at Adyen EU.
    const segments = sql`lateral (values ('all', ''), ('currency', coalesce(currency, '')), ('card_country', coalesce(card_country, '')),
      ('card_brand', coalesce(card_brand, '')), ('payment_method', coalesce(payment_method, ''))) as s(dimension, value)`;
    const approvedFirst = sql`abs(hashtext(id)) % 100 < (case when processor = 'proc_adyen_eu' then 88 else 82 end)`;
    await db.execute(sql`
      insert into traffic_segments (bucket, grain, dimension, value, processor, decisions, attempts, approved, soft_declined)
      select ${bucket}, g.grain, s.dimension, s.value, coalesce(processor, ''), count(*),
        count(*) filter (where outcome = 'route'), count(*) filter (where outcome = 'route' and ${approvedFirst}),
        count(*) filter (where outcome = 'route' and not ${approvedFirst})
      from decision_log, ${grains}, ${segments} where ${chunk}
      group by 1, 2, 3, 4, 5
      on conflict (bucket, grain, dimension, value, processor) do update set decisions = traffic_segments.decisions + excluded.decisions,
        attempts = traffic_segments.attempts + excluded.attempts, approved = traffic_segments.approved + excluded.approved, soft_declined = traffic_segments.soft_declined + excluded.soft_declined`);
    await db.execute(sql`
      insert into traffic_segments (bucket, grain, dimension, value, processor, attempts, approved, rescued, soft_declined)
      select ${bucket}, g.grain, s.dimension, s.value, 'proc_stripe', count(*), count(*) filter (where abs(hashtext(id || '2')) % 10 < 7),
        count(*) filter (where abs(hashtext(id || '2')) % 10 < 7), count(*) filter (where abs(hashtext(id || '2')) % 10 >= 7)
      from decision_log, ${grains}, ${segments} where ${chunk} and processor = 'proc_adyen_eu' and not ${approvedFirst}
      group by 1, 2, 3, 4, 5
      on conflict (bucket, grain, dimension, value, processor) do update set attempts = traffic_segments.attempts + excluded.attempts,
        approved = traffic_segments.approved + excluded.approved, rescued = traffic_segments.rescued + excluded.rescued, soft_declined = traffic_segments.soft_declined + excluded.soft_declined`);
    process.stdout.write(`    ${round(last + 1)} …\r`);
  }
  await db.execute(sql`analyze`);
  const [counted] = await queryRows<{ n: unknown }>(db, sql`select count(*) as n from decision_log`);
  if (Number(counted!.n) !== total) throw new Error(`filled ${counted!.n} rows, not ${total}`);
  return performance.now() - started;
}

interface TempDatabase {
  kind: 'postgres' | 'pglite';
  url?: string;
  /** The server's environment: its database (through `proxy` when given). */
  env(proxy?: FaultyProxy): Record<string, string>;
  open(): Promise<Connection>;
  /** For the bulk fill: statements of minutes, beyond the app's 5 s statement timeout (Postgres; PGlite has none). */
  bulk(connection: Connection): { db: Db; close(): Promise<void> };
  drop(): Promise<void>;
}

/** A fresh, migrated Postgres database of its own (DATABASE_URL), or a fresh embedded one in `folder`. */
async function tempDatabase(folder: string, name: string): Promise<TempDatabase> {
  if (POSTGRES_URL) {
    const database = `switchyard_bench_${name}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${database}`);
    await admin.end();
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${database}`;
    const migrated = await openDatabase({ kind: 'postgres', url: url.toString() });
    await migrated.migrate();
    await migrated.close();
    return {
      kind: 'postgres',
      url: url.toString(),
      env(proxy) {
        const through = new URL(url);
        if (proxy) {
          through.hostname = '127.0.0.1';
          through.port = String(proxy.port);
        }
        return { DATABASE_URL: through.toString() };
      },
      open: () => openDatabase({ kind: 'postgres', url: url.toString() }),
      bulk() {
        const client = postgres(url.toString(), { max: 1, onnotice: () => {}, fetch_types: false, connection: { statement_timeout: 0 } });
        return { db: drizzle(client) as unknown as Db, close: () => client.end() };
      },
      async drop() {
        const cleanup = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists ${database} with (force)`).catch(() => {});
        await cleanup.end();
      },
    };
  }
  const dataDir = path.join(folder, `pglite-${name}`);
  return {
    kind: 'pglite',
    env: () => ({ SWITCHYARD_DATA_DIR: dataDir, DATABASE_URL: '' }),
    open: () => openDatabase({ kind: 'pglite', dataDir }),
    bulk: (connection) => ({ db: connection.db, close: async () => {} }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** The demo account and one decide key per name (each run counts its own key's rows). */
async function seedWithKeys(database: TempDatabase, names: string[]): Promise<Record<string, { id: string; secret: string }>> {
  const connection = await database.open();
  try {
    await connection.migrate();
    await seedDemoData(connection.db);
    const keys: Record<string, { id: string; secret: string }> = {};
    for (const name of names) {
      const created = await createApiKey(systemContext(connection.db, 'setup'), { name: `bench ${name}`, scopes: ['decide'] });
      if (!created.ok) throw new Error('could not create a bench key');
      keys[name] = { id: created.value.key.id, secret: created.value.secret };
    }
    return keys;
  } finally {
    await connection.close();
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
