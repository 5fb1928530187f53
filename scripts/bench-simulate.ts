/**
 * `npm run bench:simulate`: batch simulation through the app's HTTP endpoint against the CLI's
 * simulate code path, side by side in one run, on the same inputs:
 *  1. 1,000,000 synthetic transactions, request → final report, vs the CLI's `--synthetic` run;
 *  2. a 1,000,000-row CSV (~75 MB) uploaded as a stream, vs the CLI reading the same file: throughput,
 *     the server's RSS growth, and the longest gap between progress lines;
 *  3. Cancel: from the cancel request to the run's answer, and the server's CPU time in the second after;
 *  4. the CSV readers on the same file: ours (lib/simulation/csv.ts: papaparse's tokeniser with our
 *     carry-over, line numbers, per-row problems and typed, nested rows, fed by the upload's UTF-8
 *     decoder) vs raw csv-parse vs raw papaparse, each in its fastest streaming form (rows as arrays).
 * Needs a production build (`npx next build`). BENCH_ROWS overrides the row counts (default 1,000,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import Papa from 'papaparse';
import { openDatabase } from '../db/client';
import { seedIfEmpty } from '../db/seed';
import { EXAMPLE_SCHEME } from '../lib/scheme/examples';
import { compile, indexProcessors } from '../lib/engine';
import { simulateBatch } from '../lib/simulation/batch';
import { parseCsvRecords } from '../lib/simulation/csv';
import { textOf } from '../lib/simulation/file-input';
import { transactionBatchesOf } from '../lib/simulation/records';
import { generateTransactions } from '../lib/simulation/traffic';
import { freePort } from './bench/editor-server';
import { adminEnv, benchAdmin, signIn } from './bench/sign-in';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEED = 1;
const SCHEME_ID = 'sch_demo_eu_cards';

const work = mkdtempSync(path.join(tmpdir(), 'bench-simulate-'));
const dataDir = path.join(work, 'pglite');

// ---- The CLI's simulate, in this process (the same functions `scheme simulate` calls) -------------
async function cliPlan() {
  const connection = await openDatabase({ kind: 'pglite', dataDir });
  try {
    // The demo account's routes and filters, as the server compiles the draft with them.
    const { loadAccountContext } = await import('../lib/services/account-context');
    const { compileOptionsFor } = await import('../lib/account/context');
    const options = compileOptionsFor(await loadAccountContext(connection.db));
    const compiled = compile(EXAMPLE_SCHEME, options);
    if (!compiled.ok) throw new Error('bench: the example scheme does not compile');
    return { plan: compiled.plan, processors: indexProcessors(options.registry.processors) };
  } finally {
    await connection.close();
  }
}

// ---- Files -------------------------------------------------------------------------------------------
async function writeCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('id,amount,currency,payment_method,card.brand,card.issuer_country,card.type,channel,customer.risk_score,created_at\n');
  const txs = generateTransactions(rows, { seed: 7 });
  let buffer = '';
  let i = 0;
  for (const tx of txs) {
    const card = (tx.card ?? {}) as Record<string, unknown>;
    const customer = (tx.customer ?? {}) as Record<string, unknown>;
    buffer += `${tx.id},${tx.amount},${tx.currency},${tx.payment_method},${card.brand ?? ''},${card.issuer_country ?? ''},${card.type ?? ''},${tx.channel ?? ''},${customer.risk_score ?? ''},${tx.created_at}\n`;
    if (++i % 5000 === 0) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return statSync(file).size;
}

// ---- The server ----------------------------------------------------------------------------------------
interface Server {
  url: string;
  child: ChildProcess;
  /** The signed-in admin's session, sent with every request. */
  cookie: string;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const connection = await openDatabase({ kind: 'pglite', dataDir });
  await connection.migrate();
  await seedIfEmpty(connection.db);
  await connection.close();
  const port = await freePort();
  const admin = benchAdmin();
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...adminEnv(admin), DATABASE_URL: '', SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_SIMULATION_DIR: path.join(work, 'inputs'), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`${url}/schemes/${SCHEME_ID}`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    cookie: (await signIn(url, admin)).header,
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
      await once(child, 'exit').catch(() => undefined);
    },
  };
}

/** RSS (bytes) and CPU time (ms) of the server's process group, from /proc. */
function groupUsage(pgid: number): { rss: number; cpuMs: number } {
  let rss = 0;
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
      rss += Number(fields[21]) * 4096;
    } catch {
      // the process ended meanwhile
    }
  }
  return { rss, cpuMs: ticks * 10 };
}

async function prepare(server: Server, input: unknown): Promise<string> {
  const response = await fetch(`${server.url}/schemes/${SCHEME_ID}/simulations`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: server.cookie }, body: JSON.stringify({ kind: 'batch', target: { kind: 'draft' }, input, seed: SEED }),
  });
  const body = (await response.json()) as { id?: string };
  if (!response.ok || !body.id) throw new Error(`bench: prepare refused: ${JSON.stringify(body)}`);
  return body.id;
}

/** Reads the progress stream; returns the longest gap between lines while the run was going. */
async function watchProgress(server: Server, id: string): Promise<{ maxGapMs: number; lines: number }> {
  const response = await fetch(`${server.url}/schemes/${SCHEME_ID}/simulations/${id}/progress`, { headers: { Cookie: server.cookie } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let last = performance.now();
  let maxGapMs = 0;
  let lines = 0;
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      if (!part) continue;
      const now = performance.now();
      if (lines > 0) maxGapMs = Math.max(maxGapMs, now - last);
      last = now;
      lines++;
    }
  }
  return { maxGapMs, lines };
}

async function runSynthetic(server: Server, count: number): Promise<number> {
  const started = performance.now();
  const id = await prepare(server, { kind: 'synthetic', count });
  const response = await fetch(`${server.url}/schemes/${SCHEME_ID}/simulations/${id}`, { method: 'POST', headers: { Cookie: server.cookie } });
  const outcome = (await response.json()) as { status: string; run?: { rows: number } };
  if (outcome.status !== 'done' || outcome.run?.rows !== count) throw new Error(`bench: synthetic run ended ${JSON.stringify(outcome).slice(0, 300)}`);
  return performance.now() - started;
}

async function runCsvUpload(server: Server, file: string, size: number) {
  const before = groupUsage(server.child.pid!).rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, groupUsage(server.child.pid!).rss)), 100);
  const started = performance.now();
  const id = await prepare(server, { kind: 'file', format: 'csv', file_name: path.basename(file), size });
  const progress = watchProgress(server, id);
  const response = await fetch(`${server.url}/schemes/${SCHEME_ID}/simulations/${id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', 'Content-Length': String(size), Cookie: server.cookie },
    body: Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const outcome = (await response.json()) as { status: string; run?: { rows: number } };
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (outcome.status !== 'done') throw new Error(`bench: CSV run ended ${JSON.stringify(outcome).slice(0, 300)}`);
  return { ms, rows: outcome.run!.rows, rssGrowth: peak - before, progress: await progress };
}

async function cancelLatency(server: Server) {
  const id = await prepare(server, { kind: 'synthetic', count: 10_000_000 });
  const running = fetch(`${server.url}/schemes/${SCHEME_ID}/simulations/${id}`, { method: 'POST', headers: { Cookie: server.cookie } }).then((r) => r.json() as Promise<{ status: string }>);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const asked = performance.now();
  await fetch(`${server.url}/schemes/${SCHEME_ID}/simulations/${id}/cancel`, { method: 'POST', headers: { Cookie: server.cookie } });
  const outcome = await running;
  const answeredMs = performance.now() - asked;
  const cpuAt = groupUsage(server.child.pid!).cpuMs;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpuAfterMs = groupUsage(server.child.pid!).cpuMs - cpuAt;
  return { status: outcome.status, answeredMs, cpuAfterMs };
}

// ---- Parsers --------------------------------------------------------------------------------------------
async function measure(name: string, run: () => Promise<number>) {
  if (global.gc) global.gc();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const rows = await run();
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { name, rows, ms, rowsPerSecond: rows / (ms / 1000), peakGrowthMb: (peak - base) / 1e6 };
}

async function parsers(file: string) {
  const ours = await measure('ours: lib/simulation/csv.ts on papaparse (typed, nested rows; UTF-8 checked by line)', async () => {
    let rows = 0;
    const bytes = createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>;
    for await (const batch of parseCsvRecords(textOf(bytes, { bytes: 0 }))) rows += batch.length;
    return rows;
  });
  const csvParseRun = await measure('raw csv-parse (rows as string arrays)', async () => {
    let rows = -1; // the header is a row too
    const parser = createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(csvParse());
    for await (const _record of parser) rows++;
    return rows;
  });
  const papa = await measure('raw papaparse (rows as string arrays, chunk mode)', () => new Promise<number>((resolve, reject) => {
    let rows = -1;
    Papa.parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }) as unknown as File, {
      chunk: (results) => void (rows += results.data.length),
      skipEmptyLines: true,
      complete: () => resolve(rows),
      error: reject,
    });
  }));
  return [ours, csvParseRun, papa];
}

// ---- Main ----------------------------------------------------------------------------------------------
async function main() {
  const csv = path.join(work, 'payments.csv');
  const size = await writeCsv(csv, ROWS);
  console.log(`bench:simulate — ${ROWS.toLocaleString('en')} rows; CSV ${(size / 1e6).toFixed(1)} MB`);

  const server = await startServer();
  try {
    const { plan, processors: set } = await cliPlan();
    // Warm both sides once (JIT, compile caches), then measure side by side.
    await runSynthetic(server, 50_000);
    await simulateBatch(generateTransactions(50_000, { seed: SEED }), { plan, processors: set, seed: SEED });

    const cliSyntheticStart = performance.now();
    await simulateBatch(generateTransactions(ROWS, { seed: SEED }), { plan, processors: set, seed: SEED });
    const cliSynthetic = performance.now() - cliSyntheticStart;
    const httpSynthetic = await runSynthetic(server, ROWS);

    const cliCsvStart = performance.now();
    const cliReport = await simulateBatch(transactionBatchesOf(parseCsvRecords(createReadStream(csv, { encoding: 'utf8', highWaterMark: 256 * 1024 })), () => {}), { plan, processors: set, seed: SEED });
    const cliCsv = performance.now() - cliCsvStart;
    const upload = await runCsvUpload(server, csv, size);

    const cancel = await cancelLatency(server);

    console.log('\n| measure | HTTP endpoint | CLI simulate | ratio / target |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| ${ROWS.toLocaleString('en')} synthetic, request → report | ${(httpSynthetic / 1000).toFixed(2)} s | ${(cliSynthetic / 1000).toFixed(2)} s | ${(httpSynthetic / cliSynthetic).toFixed(2)}× (≤ 1.5×) |`);
    const httpRate = upload.rows / (upload.ms / 1000);
    const cliRate = cliReport.total / (cliCsv / 1000);
    console.log(`| ${upload.rows.toLocaleString('en')}-row CSV upload | ${(upload.ms / 1000).toFixed(2)} s, ${Math.round(httpRate).toLocaleString('en')} rows/s | ${(cliCsv / 1000).toFixed(2)} s, ${Math.round(cliRate).toLocaleString('en')} rows/s | ${Math.round((httpRate / cliRate) * 100)}% (≥ 50%) |`);
    console.log(`| server RSS growth during the upload | ${(upload.rssGrowth / 1e6).toFixed(0)} MB | | (< 300 MB) |`);
    console.log(`| longest gap between progress lines | ${Math.round(upload.progress.maxGapMs)} ms (${upload.progress.lines} lines) | | (≤ 1000 ms) |`);
    console.log(`| cancel → run answers | ${Math.round(cancel.answeredMs)} ms (${cancel.status}) | | (≤ 1000 ms) |`);
    console.log(`| server CPU in the second after the answer | ${cancel.cpuAfterMs} ms | | (work stopped) |`);

    const results = await parsers(csv);
    console.log('\n| CSV reader, same file | rows | time | rows/s | ours ÷ it (time) | peak RSS growth |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    const oursMs = results[0]!.ms;
    for (const r of results) console.log(`| ${r.name} | ${r.rows.toLocaleString('en')} | ${(r.ms / 1000).toFixed(2)} s | ${Math.round(r.rowsPerSecond).toLocaleString('en')} | ${(oursMs / r.ms).toFixed(2)}× | ${r.peakGrowthMb.toFixed(0)} MB |`);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true }); // the CSV and the database
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
