import 'server-only';
import { getDb } from '@/db';
import { startTicker, tickPeriodMs, type Ticker } from './ticker';

/** The app's one ticker per process, on globalThis so dev hot reload does not start a second. */
const holder = globalThis as unknown as { __switchyardTicker?: Ticker };

/** Started by instrumentation.ts (next start / dev) and server/main.ts (npm start); SWITCHYARD_TICK_MS=0 leaves it off. */
export function startAppTicker(): void {
  const period = tickPeriodMs();
  if (period === 0 || holder.__switchyardTicker) return;
  holder.__switchyardTicker = startTicker(getDb, period);
}

export async function stopAppTicker(): Promise<void> {
  const ticker = holder.__switchyardTicker;
  holder.__switchyardTicker = undefined;
  await ticker?.stop();
}
