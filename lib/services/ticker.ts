import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { scheduledChanges } from '@/db/schema';
import { systemContext, type ServiceContext } from './context';
import { checkGuardrails } from './guardrail';
import { runDrainEnd, type ChangeOutcome } from './drains';
import { runScheduledActivation } from './scheduled-activation';
import { finishChange, toChange, type ScheduledChange } from './scheduled-changes';
import { fail, ok, type Result } from './result';
import { write } from './write';

/*
 * The ticker: every instance runs one. Each tick claims the due scheduled changes by Postgres time
 * (`run_at <= now()`, `FOR UPDATE SKIP LOCKED`) and runs each in one transaction with marking it
 * finished and its audit entries, so several instances agree and a change runs exactly once; a change
 * that came due while every instance was down runs at the first tick after a start. A tick that cannot
 * reach the database logs it and tries again next time. A change whose executor throws (rather than
 * refusing) stays pending and is tried again next tick. New kinds register an executor here.
 * After the scheduled changes, each tick runs the canary guardrail (lib/services/guardrail.ts), which
 * judges each running canary once per its own window whichever instance claims it.
 */

type Executor = (ctx: ServiceContext, change: ScheduledChange) => Promise<Result<ChangeOutcome>>;

const EXECUTORS: Readonly<Record<string, Executor>> = {
  activate: runScheduledActivation,
  drain_end: runDrainEnd,
};

/** At most this many changes per tick: the rest wait a tick rather than hold one instance busy. */
const PER_TICK = 50;

/** Runs every due change (up to PER_TICK), one transaction each; returns what finished. */
export async function runDueChanges(db: Db): Promise<ScheduledChange[]> {
  const finished: ScheduledChange[] = [];
  for (let i = 0; i < PER_TICK; i++) {
    const change = await runNextDue(db);
    if (!change) break;
    finished.push(change);
  }
  return finished;
}

/** Claims one due change no other instance holds, runs it and records the outcome — all committed together. */
async function runNextDue(db: Db): Promise<ScheduledChange | undefined> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const [row] = await tx
      .select()
      .from(scheduledChanges)
      .where(and(eq(scheduledChanges.status, 'pending'), sql`${scheduledChanges.runAt} <= now()`))
      .orderBy(asc(scheduledChanges.runAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!row) return undefined;
    const change = toChange(row);
    const ctx = systemContext(tx, `scheduled change ${change.id}`);
    const executor = EXECUTORS[change.kind];
    // The executor's own write is a savepoint: a refusal (a version that no longer compiles, a
    // processor that is gone) rolls back what it did, and the failure is recorded instead.
    const outcome = executor ? await executor(ctx, change) : fail({ code: 'conflict', message: `This instance does not know how to run a “${change.kind}” change.` });
    const status = outcome.ok ? outcome.value.status : 'failed';
    const message = outcome.ok ? outcome.value.message : outcome.error.message;
    const recorded = await write(ctx, 'editor', async (inner, audit) => {
      const done = await finishChange(inner, change.id, status, message);
      if (!done) return fail({ code: 'conflict', message: 'already finished' }); // unreachable: the row is locked
      await audit({ action: status === 'failed' ? 'fail' : status === 'done' ? 'run' : 'skip', entity: 'scheduled_change', entityId: change.id, detail: { kind: change.kind, subject: change.subject, run_at: change.run_at, result: message } });
      return ok(done);
    });
    return recorded.ok ? recorded.value : undefined;
  });
}

export interface Ticker {
  /** One tick now (tests; also what the timer calls). */
  tick(): Promise<ScheduledChange[]>;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Starts ticking every `periodMs` on the database `db()` gives. Ticks never overlap; a failing tick is
 * logged (once per distinct reason, not every few seconds) and the next one tries again.
 */
/** What a tick does: the scheduled changes that came due, then the canary guardrail. Returns the changes that finished. */
export async function appTick(db: Db): Promise<ScheduledChange[]> {
  const finished = await runDueChanges(db);
  await checkGuardrails(systemContext(db, 'guardrail'));
  return finished;
}

export function startTicker(db: () => Db | Promise<Db>, periodMs: number, log: (message: string) => void = console.error, work: (db: Db) => Promise<ScheduledChange[]> = appTick): Ticker {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastError = '';
  const tick = async () => {
    try {
      const finished = await work(await db());
      if (lastError) log('Switchyard: scheduled changes and the canary guardrail run again (the database is back).');
      lastError = '';
      return finished;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (reason !== lastError) log(`Switchyard: scheduled changes and the canary guardrail could not run (${reason}); trying again every ${periodMs / 1000} s.`);
      lastError = reason;
      return [];
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, periodMs);
    timer.unref?.();
  };
  // The first tick one period after start (not at the very start, which belongs to opening the
  // database): it runs whatever came due while this instance was down.
  schedule();
  return {
    tick: () => (running = running.then(tick, tick)) as Promise<ScheduledChange[]>,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}

/** The ticker's period: SWITCHYARD_TICK_MS (default 5000; 0 turns the ticker off on this instance). */
export function tickPeriodMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SWITCHYARD_TICK_MS;
  const value = raw === undefined || raw === '' ? 5000 : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : 5000;
}
