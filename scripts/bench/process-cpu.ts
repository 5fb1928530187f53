/**
 * CPU time spent during a run, read from /proc (Linux; elsewhere every figure is 0): a server's
 * threads (its main thread apart from the others: worker threads, the garbage collector's and
 * libuv's), every Postgres process together, and this process (the load generator). Divided by the
 * requests answered, it says where a feature's cost goes on a machine whose cores all serve the load.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuTimes {
  /** The server's main thread (the one that answers decide). */
  main: number;
  /** Its other threads: a worker thread, the garbage collector, libuv. */
  others: number;
  postgres: number;
  /** The process running the benchmark (autocannon's load). */
  generator: number;
}

const TICK_SECONDS = 0.01; // USER_HZ: 100 on Linux

/** utime + stime of one /proc stat line, in seconds (fields 14 and 15, counted after the command's closing parenthesis). */
function cpuOf(statFile: string): number {
  try {
    const stat = readFileSync(statFile, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_SECONDS;
  } catch {
    return 0; // gone meanwhile
  }
}

const commandOf = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

/** The CPU seconds used so far by `serverPid` (split by thread), by Postgres, and by this process. */
export function cpuTimes(serverPid: number): CpuTimes {
  let main = 0;
  let others = 0;
  let postgres = 0;
  try {
    for (const task of readdirSync(`/proc/${serverPid}/task`)) {
      const seconds = cpuOf(`/proc/${serverPid}/task/${task}/stat`);
      if (task === String(serverPid)) main += seconds;
      else others += seconds;
    }
    for (const pid of readdirSync('/proc')) {
      if (/^\d+$/.test(pid) && commandOf(pid) === 'postgres') postgres += cpuOf(`/proc/${pid}/stat`);
    }
  } catch {
    // no /proc: zeros
  }
  return { main, others, postgres, generator: cpuOf(`/proc/${process.pid}/stat`) };
}

const PARTS = ['main', 'others', 'postgres', 'generator'] as const;
const each = (value: (part: keyof CpuTimes) => number): CpuTimes => ({ main: value('main'), others: value('others'), postgres: value('postgres'), generator: value('generator') });

export const noCpu = (): CpuTimes => each(() => 0);

/** The CPU seconds of each part between two readings, added to `into`. */
export function addSpent(into: CpuTimes, before: CpuTimes, after: CpuTimes): void {
  for (const part of PARTS) into[part] += after[part] - before[part];
}

/** CPU microseconds per request of each part. */
export const perRequest = (spent: CpuTimes, requests: number): CpuTimes => each((part) => (requests > 0 ? (spent[part] * 1e6) / requests : 0));
