import 'server-only';
import type { Db } from '@/db/client';
import { isDatabaseUnavailable } from './database';

/**
 * How long an /api/v1 request may wait for the database, end to end (connection, statements, commit).
 * Past it the client gets a 503 and the transaction is rolled back, never committed later.
 */
export const REQUEST_DEADLINE_MS = Number(process.env.SWITCHYARD_REQUEST_DEADLINE_MS) || 5_000;

export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer from the database within ${ms} ms`);
  }
}

/** COMMIT was sent but not answered in time: it may have landed or not (retry with the same Idempotency-Key). */
export class CommitOutcomeUnknown extends Error {
  constructor(readonly ms: number) {
    super(`COMMIT sent, no answer within ${ms} ms`);
  }
}

/** How long past the deadline a COMMIT already sent may take before the answer says its outcome is unknown. */
const COMMIT_GRACE_MS = 2_000;

/** The work, or a DeadlineExceeded once `ms` have passed (the work itself is not stopped: use for reads only). */
export async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(ms)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    work.catch(() => {}); // answered already: a later failure has no one to tell
  }
}

/**
 * One transaction that commits before the deadline or not at all. The client is answered at the
 * deadline; the transaction, wherever it is then (waiting for a connection, mid-statement), checks
 * before COMMIT and rolls back. Once COMMIT has been sent the answer waits for its outcome: the
 * wait is bounded too, and then says the outcome is unknown (504) rather than claiming a failure: a
 * 503 always means nothing was committed.
 */
export async function transactionWithin<T>(db: Db, ms: number, work: (tx: Db) => Promise<T>): Promise<T> {
  const run = { state: 'running' as 'running' | 'committing' | 'abandoned' };
  const abandoned = () => run.state === 'abandoned';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (run.state === 'running') {
        run.state = 'abandoned';
        return reject(new DeadlineExceeded(ms));
      }
      // COMMIT already sent: its outcome is the answer, unless the database stopped answering right then.
      timer = setTimeout(() => reject(new CommitOutcomeUnknown(ms + COMMIT_GRACE_MS)), COMMIT_GRACE_MS);
    }, ms);
  });
  const transaction = db.transaction(async (tx) => {
    if (abandoned()) throw new DeadlineExceeded(ms); // got its connection too late
    const result = await work(tx as unknown as Db);
    if (abandoned()) throw new DeadlineExceeded(ms); // the client was told 503: roll back
    run.state = 'committing';
    return result;
  });
  try {
    return await Promise.race([transaction, late]);
  } catch (error) {
    // The connection broke after COMMIT was sent: whether it landed is unknown, so it is not a 503.
    if (run.state === 'committing' && isDatabaseUnavailable(error)) throw new CommitOutcomeUnknown(ms);
    throw error;
  } finally {
    clearTimeout(timer);
    transaction.catch(() => {});
  }
}
