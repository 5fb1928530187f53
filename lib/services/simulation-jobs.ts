import 'server-only';
import type { RunProgress } from '@/lib/simulation/run-request';

/**
 * Runs in flight, in this process: what the progress stream reads and Cancel aborts. A run lives here
 * from the request that prepares it until a little after it ends (so a late progress reader still sees
 * how it ended); nothing here is stored.
 */
export interface LiveRun<Prepared> {
  id: string;
  schemeId: string;
  prepared: Prepared;
  progress: RunProgress;
  startedAt: number;
  controller: AbortController;
  /** Set once, when the run ends: the answer its input request gave. */
  outcome: unknown;
}

/** A prepared run not started within this time is dropped. */
const PENDING_TTL_MS = 10 * 60_000;
/** How long an ended run stays readable. */
const ENDED_TTL_MS = 60_000;

const registry: Map<string, LiveRun<unknown>> =
  ((globalThis as { __switchyardRuns?: Map<string, LiveRun<unknown>> }).__switchyardRuns ??= new Map());

export function registerRun<P>(run: Omit<LiveRun<P>, 'startedAt' | 'controller' | 'outcome'>): LiveRun<P> {
  const live: LiveRun<P> = { ...run, startedAt: Date.now(), controller: new AbortController(), outcome: undefined };
  registry.set(run.id, live as LiveRun<unknown>);
  setTimeout(() => {
    if (live.progress.status === 'pending') registry.delete(run.id);
  }, PENDING_TTL_MS).unref?.();
  return live;
}

export function liveRun(id: string): LiveRun<unknown> | undefined {
  return registry.get(id);
}

/** Marks the run ended with its outcome and forgets it a minute later. */
export function endRun(run: LiveRun<unknown>, status: RunProgress['status'], outcome: unknown): void {
  run.progress = { ...run.progress, status, elapsed_ms: Date.now() - run.startedAt };
  run.outcome = outcome;
  setTimeout(() => registry.delete(run.id), ENDED_TTL_MS).unref?.();
}

/** Stops a run's work; true when there was a run to stop. */
export function cancelRun(id: string): boolean {
  const run = registry.get(id);
  if (!run || (run.progress.status !== 'running' && run.progress.status !== 'pending')) return false;
  run.controller.abort();
  if (run.progress.status === 'pending') endRun(run, 'cancelled', { status: 'cancelled' });
  return true;
}

export const isEnded = (status: RunProgress['status']) => status !== 'pending' && status !== 'running';
