import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { createScheme } from '../../lib/services/schemes';
import type { SchemeDocument } from '../../lib/scheme/schema';
import { systemContext } from '../../lib/services/context';
import { adminEnv, benchAdmin, signIn, type Session } from './sign-in';

/**
 * The editor benchmark's server: a fresh embedded database holding the demo account and the bench
 * scheme (written through the scheme service, as the app would), then `next start` on it.
 */

/** Migrates and seeds the embedded database in `dataDir` and stores `doc` as a new scheme; returns its id. */
export async function prepareDatabase(dataDir: string, doc: SchemeDocument): Promise<string> {
  const connection = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await connection.migrate();
    await seedIfEmpty(connection.db);
    const created = await createScheme(systemContext(connection.db, 'setup'), { name: doc.name, document: doc });
    if (!created.ok) throw new Error(`bench: the scheme was refused: ${JSON.stringify(created.error)}`);
    return created.value.id;
  } finally {
    await connection.close();
  }
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The bench admin's session: every page needs one. */
  session: Session;
  stop(): Promise<void>;
}

/** `next start` of the existing production build, on the embedded database in `dataDir`, with the bench pages on; signed in as its first admin. */
export async function startServer(port: number, dataDir: string): Promise<RunningServer> {
  const admin = benchAdmin();
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...adminEnv(admin), DATABASE_URL: '', SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_BENCH: '1', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends npx and the server it started
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);
  try {
    await waitForHttp(url, child, () => output);
    return { url, session: await signIn(url, admin), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bench: next start exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`bench: ${url} did not answer within 120 s:\n${output()}`);
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
