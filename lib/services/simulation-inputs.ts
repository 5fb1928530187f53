import 'server-only';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';

/**
 * Uploaded files are kept on disk (never in memory) while their run streams, so the stored run's
 * per-payment export can read them again. The newest KEPT_INPUTS are kept; a cancelled or failed
 * run's file is removed at once.
 */
const KEPT_INPUTS = 20;

export function inputsDir(): string {
  return process.env.SWITCHYARD_SIMULATION_DIR ?? path.join(process.cwd(), '.data', 'simulation-inputs');
}

const fileOf = (runId: string) => path.join(inputsDir(), `${runId.replace(/[^A-Za-z0-9_-]/g, '')}.input`);

/** A pass-through over the upload that writes it to disk and hashes it as it goes. */
export class SpooledInput {
  private readonly hash = createHash('sha256');
  private out: WriteStream | null = null;

  private constructor(private readonly file: string) {}

  static async open(runId: string): Promise<SpooledInput> {
    await mkdir(inputsDir(), { recursive: true });
    const spool = new SpooledInput(fileOf(runId));
    spool.out = createWriteStream(spool.file);
    return spool;
  }

  async *tee(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      this.hash.update(chunk);
      // Backpressure: wait for the disk rather than buffer the upload.
      if (this.out && !this.out.write(chunk)) await once(this.out, 'drain');
      yield chunk;
    }
  }

  /** The run finished: keep the file; returns its SHA-256. */
  async keep(): Promise<string> {
    await this.close();
    void pruneInputs();
    return this.hash.digest('hex');
  }

  async discard(): Promise<void> {
    await this.close();
    await rm(this.file, { force: true });
  }

  private async close(): Promise<void> {
    const out = this.out;
    this.out = null;
    if (out) await new Promise<void>((resolve) => out.end(resolve));
  }
}

/** The kept upload of a run, as byte chunks, or null when it is no longer kept. */
export async function readKeptInput(runId: string): Promise<AsyncIterable<Uint8Array> | null> {
  const file = fileOf(runId);
  try {
    await stat(file);
  } catch {
    return null;
  }
  return createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>;
}

async function pruneInputs(): Promise<void> {
  const dir = inputsDir();
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.input'));
  if (names.length <= KEPT_INPUTS) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, at: (await stat(path.join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.at - a.at);
  await Promise.all(dated.slice(KEPT_INPUTS).map((d) => rm(path.join(dir, d.n), { force: true })));
}
