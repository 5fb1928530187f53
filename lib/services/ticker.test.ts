import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { runDueChanges, startTicker, tickPeriodMs } from './ticker';

describe('the ticker', () => {
  it('takes its period from SWITCHYARD_TICK_MS (default 5 s; 0 is off; nonsense is the default)', () => {
    expect(tickPeriodMs({})).toBe(5000);
    expect(tickPeriodMs({ SWITCHYARD_TICK_MS: '1000' })).toBe(1000);
    expect(tickPeriodMs({ SWITCHYARD_TICK_MS: '0' })).toBe(0);
    expect(tickPeriodMs({ SWITCHYARD_TICK_MS: 'soon' })).toBe(5000);
    expect(tickPeriodMs({ SWITCHYARD_TICK_MS: '-1' })).toBe(5000);
  });

  it('keeps ticking while the database is away, says so once, and says when it is back', async () => {
    const logged: string[] = [];
    let away = true;
    const db = async (): Promise<Db> => {
      if (away) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      // A database with nothing due: the claim's transaction finds no row.
      return { transaction: async (work: (tx: unknown) => Promise<unknown>) => work(noRows) } as unknown as Db;
    };
    const ticker = startTicker(db, 5, (message) => logged.push(message), runDueChanges);
    await expect.poll(() => logged.length, { timeout: 2000 }).toBe(1);
    expect(await ticker.tick()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40)); // several failing ticks
    expect(logged).toEqual(['Switchyard: scheduled changes and the canary guardrail could not run (connect ECONNREFUSED 127.0.0.1:5432); trying again every 0.005 s.']);
    away = false;
    await expect.poll(() => logged.length, { timeout: 2000 }).toBe(2);
    expect(logged[1]).toContain('run again');
    await ticker.stop();
  });
});

/** Just enough of drizzle's select chain to answer "nothing due". */
const chain: Record<string, unknown> = {};
for (const step of ['select', 'from', 'where', 'orderBy', 'limit']) chain[step] = () => chain;
chain.for = async () => [];
const noRows = chain;
