import { builtinCatalog } from '../../lib/catalog';
import { buildPlan } from '../../lib/engine/plan';
import { indexProcessors } from '../../lib/engine/processors';
import type { Decision, Transaction } from '../../lib/engine/types';
import type { SchemeDocument } from '../../lib/scheme/schema';
import { mulberry32, PROCESSORS } from './workload';

/**
 * Bench-only: decisions on time_of_day and weekday (derived from created_at in the account's zone), in
 * a few zones, for traffic in time order (a live backend) and shuffled over a year (a batch). Every
 * decision is first checked against a plain Intl.DateTimeFormat reading of the local hour and weekday.
 */

const SCHEME: SchemeDocument = {
  format: 'switchyard.scheme/v1',
  name: 'bench time',
  start: 'office_hours',
  nodes: {
    office_hours: {
      type: 'condition',
      rules: [
        { attribute: 'time_of_day', operator: 'between', value: [9, 17] },
        { attribute: 'weekday', operator: 'in', value: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      ],
      then: 'day', else: 'night_check',
    },
    night_check: { type: 'condition', rules: [{ attribute: 'time_of_day', operator: 'lt', value: 6 }], then: 'night', else: 'evening' },
    day: { type: 'strategy', strategy: 'direct', processors: ['proc_stripe'] },
    night: { type: 'strategy', strategy: 'direct', processors: ['proc_adyen'] },
    evening: { type: 'strategy', strategy: 'direct', processors: ['proc_nuvei'] },
  },
};

export const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `count` transactions over 2024, created_at as toISOString writes it; in time order or shuffled. */
export function timeTransactions(count: number, seed: number, order: 'chronological' | 'shuffled'): Transaction[] {
  const random = mulberry32(seed);
  const start = Date.UTC(2024, 0, 1);
  const span = 366 * 86_400_000;
  const instants = Array.from({ length: count }, () => start + Math.floor(random() * span));
  if (order === 'chronological') instants.sort((a, b) => a - b);
  return instants.map((ms, i) => ({ id: `tt_${i}`, amount: 10, currency: 'EUR', created_at: new Date(ms).toISOString() }));
}

function expectedNode(tx: Transaction, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: 'numeric', weekday: 'short' })
    .formatToParts(Date.parse(tx.created_at as string));
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const weekday = parts.find((p) => p.type === 'weekday')!.value.toLowerCase();
  if (hour >= 9 && hour <= 17 && WEEKDAYS.slice(0, 5).includes(weekday)) return 'day';
  return hour < 6 ? 'night' : 'evening';
}

export interface TimeRow {
  zone: string;
  order: string;
  ns: number;
}

export function benchTime(
  timePerCall: (fn: (tx: Transaction) => Decision, txs: readonly Transaction[], minMs?: number) => number,
  count: number,
): TimeRow[] {
  const processors = indexProcessors(PROCESSORS);
  const rows: TimeRow[] = [];
  for (const order of ['chronological', 'shuffled'] as const) {
    const txs = timeTransactions(count, 11, order);
    for (const zone of TIME_ZONES) {
      const plan = buildPlan(SCHEME, { catalog: builtinCatalog(), timeZone: zone });
      for (let i = 0; i < txs.length; i += 97) {
        const node = plan.decide(txs[i]!, processors).node;
        const expected = expectedNode(txs[i]!, zone);
        if (node !== expected) throw new Error(`time bench: ${zone} ${String(txs[i]!.created_at)} decided ${node}, Intl says ${expected}`);
      }
      rows.push({ zone, order, ns: timePerCall((tx) => plan.decide(tx, processors), txs, 800) });
    }
  }
  return rows;
}
