import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../catalog';
import type { SchemeDocument } from '../../scheme/schema';
import { indexProcessors } from '../processors';
import type { Plan, RuleTrace } from '../types';
import { createdAtMs } from '../../transactions/created-at';
import { buildPlan } from './index';
import { offsetChanges, offsetReader } from './time-testing';

/**
 * time_of_day and weekday against a plain Intl.DateTimeFormat reading, in every zone Intl offers, at
 * random instants from 1800 to 2100 and around the zones' offset changes, with the hour cache primed by
 * another instant of the same UTC hour first (the shape of the bug where one payment changed the next).
 */

const catalog = builtinCatalog();
const processors = indexProcessors([]);
const READ_BOTH: SchemeDocument = {
  format: 'switchyard.scheme/v1', name: 'time', start: 'c',
  nodes: {
    c: { type: 'condition', rules: [{ attribute: 'time_of_day', operator: 'exists' }, { attribute: 'weekday', operator: 'exists' }], then: 'y', else: 'n' },
    y: { type: 'strategy', strategy: 'blank' },
    n: { type: 'strategy', strategy: 'blank' },
  },
};
const HOUR = 3_600_000;
const FROM = Date.UTC(1800, 0, 1);
const TO = Date.UTC(2100, 11, 31);
/**
 * Every zone Intl offers; the current IANA names the settings offer where ICU still uses an old one
 * (Asia/Kolkata for Asia/Calcutta, ...); fixed-offset and legacy aliases.
 */
const CURRENT_NAMES = [
  'Africa/Asmara', 'America/Argentina/Buenos_Aires', 'America/Argentina/Catamarca', 'America/Atikokan', 'America/Argentina/Cordoba',
  'America/Nuuk', 'America/Indiana/Indianapolis', 'America/Argentina/Jujuy', 'America/Kentucky/Louisville', 'America/Argentina/Mendoza',
  'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Yangon', 'Asia/Ho_Chi_Minh', 'Atlantic/Faroe', 'Europe/Kyiv', 'Pacific/Kanton',
  'Pacific/Pohnpei', 'Pacific/Chuuk',
];
const ZONES = [...new Set([...Intl.supportedValuesOf('timeZone'), ...CURRENT_NAMES, 'UTC', 'Etc/GMT-14', 'Etc/GMT+12', 'US/Eastern'])];

function reference(zone: string): (ms: number) => [number, string] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: 'numeric', weekday: 'short' });
  return (ms) => {
    const parts = format.formatToParts(ms);
    return [Number(parts.find((p) => p.type === 'hour')!.value), parts.find((p) => p.type === 'weekday')!.value.toLowerCase()];
  };
}

function engineReading(plan: Plan, created_at: unknown): [unknown, unknown] {
  const rules: RuleTrace[] = plan.decide({ id: 't', created_at }, processors, { trace: true }).trace!.conditions[0]!.rules;
  return [rules[0]!.actual, rules[1]!.actual];
}

describe('time_of_day and weekday in every zone', () => {
  it('agree with Intl at random instants 1800–2100, the cache primed by the same UTC hour', () => {
    const random = fc.integer({ min: FROM, max: TO });
    for (const zone of ZONES) {
      const plan = buildPlan(READ_BOTH, { catalog, timeZone: zone });
      const expected = reference(zone);
      const instants = fc.sample(fc.tuple(random, fc.integer({ min: 0, max: HOUR - 1 })), 12);
      for (const [ms, other] of instants) {
        const primer = Math.floor(ms / HOUR) * HOUR + other;
        for (const t of [primer, ms]) {
          const reading = [engineReading(plan, new Date(t).toISOString()), engineReading(plan, t)];
          expect(reading, `${zone} at ${new Date(t).toISOString()}`).toEqual([expected(t), expected(t)]);
        }
      }
    }
  });

  it('agree with Intl on both sides of offset changes, whatever was decided before in the same hour', () => {
    for (const zone of ZONES) {
      const offsetAt = offsetReader(zone);
      const expected = reference(zone);
      const [year] = fc.sample(fc.integer({ min: 1800, max: 2099 }), 1);
      const changes = [
        ...offsetChanges(offsetAt, Date.UTC(year!, 0, 1), Date.UTC(year! + 1, 0, 1), 7 * 24 * HOUR),
        // Local mean time ending (odd offsets such as +0:53:28), found with coarse probes.
        ...offsetChanges(offsetAt, Date.UTC(1850, 0, 1), Date.UTC(1950, 0, 1), 120 * 24 * HOUR).slice(0, 2),
      ];
      for (const change of changes) {
        const around = [change - 1000, change, change + 1000, Math.floor(change / HOUR) * HOUR, Math.ceil(change / HOUR) * HOUR - 1];
        // In time order, then reversed: each reading must not depend on the one before.
        const plan = buildPlan(READ_BOTH, { catalog, timeZone: zone });
        for (const t of [...around, ...around.reverse()]) {
          expect(engineReading(plan, t), `${zone} at ${new Date(t).toISOString()}`).toEqual(expected(t));
        }
      }
    }
  });

  it('reads Berlin before 1893 in local mean time (UTC+0:53:28) whatever came before', () => {
    const plan = buildPlan(READ_BOTH, { catalog, timeZone: 'Europe/Berlin' });
    expect(engineReading(plan, '1893-03-31T23:07:02Z')).toEqual([0, 'sat']);
    expect(engineReading(plan, '1893-03-31T23:00:00Z')).toEqual([23, 'fri']);
    expect(engineReading(plan, '1893-03-31T23:07:02Z')).toEqual([0, 'sat']);
  });

  it('reads the ends of the accepted range without throwing, as Intl does', () => {
    for (const zone of ['Europe/Berlin', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC']) {
      const plan = buildPlan(READ_BOTH, { catalog, timeZone: zone });
      const expected = reference(zone);
      for (const ms of [8.64e15, 8.64e15 - 1, -8.64e15, -8.64e15 + 1]) expect(engineReading(plan, ms), `${zone} ${ms}`).toEqual(expected(ms));
      for (const text of ['9999-12-31T23:59:59-23:59', '0000-01-01T00:00:00+23:59']) {
        expect(engineReading(plan, text), `${zone} ${text}`).toEqual(expected(createdAtMs(text)));
      }
    }
  });

  it('reads offsets in the string, not the host zone', () => {
    const plan = buildPlan(READ_BOTH, { catalog, timeZone: 'Australia/Lord_Howe' });
    expect(engineReading(plan, '2026-01-01T23:30:00+14:00')).toEqual([20, 'thu']);
    expect(engineReading(plan, '2026-01-01T23:30:00-12:00')).toEqual([22, 'fri']);
    expect(engineReading(plan, '2026-01-01T23:30:00')).toEqual([undefined, undefined]);
  });
});
