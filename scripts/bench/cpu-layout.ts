/**
 * Where the processes of a bench run (Linux, `taskset`): the server under test on CPU 0, and the parts
 * that in a deployment are other machines (the load generator: this process and the ones it starts;
 * Postgres) on the other CPUs. On a small machine every part otherwise competes for the same cores,
 * and a feature that adds work to the database is charged the database's CPU as well as its own.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CpuLayout {
  /** How a server's `node` is started: `taskset -c 0 node`. */
  serverCommand: string[];
  /** What the layout is, for the report. */
  description: string;
  /** Every process moved back to all CPUs. */
  restore(): void;
}

const postgresPids = (): number[] =>
  readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);

/** Sets the affinity of every thread of `pid` (`taskset -a -p`); false when the system refuses. */
function pin(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The server on CPU 0, the rest on CPUs 1…; null when that cannot be arranged (fewer than two CPUs,
 * no `taskset`, or Postgres owned by a user this process may not move). Postgres's postmaster is
 * moved with its running backends, so the backends it starts later inherit the other CPUs.
 */
export function serverOnItsOwnCore(): CpuLayout | null {
  const cpus = availableParallelism();
  if (process.platform !== 'linux' || cpus < 2) return null;
  const all = `0-${cpus - 1}`;
  const rest = cpus === 2 ? '1' : `1-${cpus - 1}`;
  const moved = [process.pid, ...postgresPids()];
  if (!moved.every((pid) => pin(pid, rest))) {
    for (const pid of moved) pin(pid, all);
    return null;
  }
  return {
    serverCommand: ['taskset', '-c', '0', 'node'],
    description: `server on CPU 0; load generator and Postgres on CPU ${rest}`,
    restore() {
      for (const pid of [process.pid, ...postgresPids()]) pin(pid, all);
    },
  };
}
