/**
 * First start, measured: `next dev` on a fresh clone's state (no embedded database, no dev build
 * cache) until the dashboard answers, with the embedded database created at server start
 * (instrumentation.ts) and on the first request (SWITCHYARD_DB_ON_START=0), alternating, in one run.
 *
 *   node scripts/first-start.mjs [rounds=2] [port=3540] [dev|start]
 *
 * `start` measures `next start` on the last production build instead (no compile step).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const rounds = Number(process.argv[2] ?? 2);
const port = Number(process.argv[3] ?? 3540);
const server = process.argv[4] ?? 'dev';
const DEV_CACHE = path.join(process.cwd(), '.next', 'dev');

async function firstPage(variant) {
  // Moved aside, not deleted in place: a stopped dev server may still be flushing its cache into it.
  if (server === 'dev' && existsSync(DEV_CACHE)) {
    const aside = mkdtempSync(path.join(tmpdir(), 'switchyard-dev-cache-'));
    renameSync(DEV_CACHE, path.join(aside, 'dev'));
    setTimeout(() => rmSync(aside, { recursive: true, force: true }), 5_000).unref();
  }
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'switchyard-first-start-')), 'data', 'pglite');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SWITCHYARD_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  if (variant === 'first request') env.SWITCHYARD_DB_ON_START = '0';
  const started = performance.now();
  const child = spawn('npx', ['next', server, '-p', String(port), '-H', '127.0.0.1'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const marks = {};
  const lines = [];
  const watch = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      const at = (performance.now() - started) / 1000;
      if (/Ready in/.test(line)) marks.ready ??= at;
      if (/creating the embedded database/.test(line)) marks.dbStart ??= at;
      if (/embedded database ready/.test(line)) marks.dbReady ??= at;
    }
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', watch);
  try {
    for (;;) {
      if (performance.now() - started > 300_000) throw new Error(`no page after 300 s:\n${lines.join('\n')}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        if (response.status === 200 && (await response.text()).includes('How payments are routed now')) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { variant, firstPage: (performance.now() - started) / 1000, ...marks };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child.on('exit', r));
    rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
  }
}

const results = [];
for (let round = 0; round < rounds; round++) {
  for (const variant of ['first request', 'server start']) {
    const result = await firstPage(variant);
    results.push(result);
    const f = (v) => (v === undefined ? '—' : `${v.toFixed(1)} s`);
    console.log(`${variant.padEnd(14)} ready ${f(result.ready)}  db created ${f(result.dbStart)} → ${f(result.dbReady)}  first page ${f(result.firstPage)}`);
  }
}
const mean = (variant) => {
  const list = results.filter((r) => r.variant === variant).map((r) => r.firstPage);
  return list.reduce((a, b) => a + b, 0) / list.length;
};
const lazy = mean('first request');
const eager = mean('server start');
console.log(`\nnext ${server}: mean time to first page: on first request ${lazy.toFixed(1)} s, at server start ${eager.toFixed(1)} s (${(eager / lazy).toFixed(2)}×, ${(lazy - eager).toFixed(1)} s saved)`);
