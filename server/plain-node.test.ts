import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm start` (server/main.ts) loads the decide handler and its services in plain Node, before
 * Next.js has set up its request context: a module on that path that pulls in `next/headers` (a
 * session lookup, say) crashed the server at start. Start it and read what it says: ready, or (before
 * `next build` has run, as in a fresh clone's unit tests) that the build is missing — never a crash.
 */
describe('the production server entry', () => {
  it('starts in plain Node as far as Next.js itself', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'switchyard-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './server/server-only.mjs', 'server/main.ts', '-p', '0', '-H', '127.0.0.1'], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '', SWITCHYARD_DATA_DIR: path.join(folder, 'pglite'), NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      for (const started = Date.now(); !/switchyard ready|production build/i.test(output) && child.exitCode === null; ) {
        if (Date.now() - started > 90_000) throw new Error(`no answer from server/main.ts:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).not.toMatch(/AsyncLocalStorage|Invariant/);
      expect(output).toMatch(/switchyard ready|production build/i);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
