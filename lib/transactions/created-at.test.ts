import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createdAtMs, createdAtProblem } from './created-at';

describe('createdAtMs (RFC 3339 with an offset, or epoch milliseconds)', () => {
  it.each([
    ['2026-03-01T09:30:00Z', Date.UTC(2026, 2, 1, 9, 30)],
    ['2026-03-01t09:30:00z', Date.UTC(2026, 2, 1, 9, 30)],
    ['2026-03-01T15:15:00+05:45', Date.UTC(2026, 2, 1, 9, 30)],
    ['2026-03-01T09:30:00-00:00', Date.UTC(2026, 2, 1, 9, 30)],
    ['2026-03-01T09:30:00.5Z', Date.UTC(2026, 2, 1, 9, 30, 0, 500)],
    ['2026-03-01T09:59:59.99999999999999999999Z', Date.UTC(2026, 2, 1, 9, 59, 59, 999)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T23:59:59+23:59', Date.UTC(2000, 1, 29, 0, 0, 59)],
    ['0000-01-01T00:00:00Z', -62_167_219_200_000],
    ['0099-12-31T12:00:00Z', Date.parse('0099-12-31T12:00:00Z')],
    ['9999-12-31T23:59:59Z', Date.UTC(9999, 11, 31, 23, 59, 59)],
  ])('reads %s', (raw, ms) => {
    expect(createdAtMs(raw)).toBe(ms);
    expect(createdAtProblem(raw)).toBeNull();
  });

  it.each([
    ['2025-02-29T12:00:00Z', 'February 2025 has 28 days'],
    ['1900-02-29T12:00:00Z', 'February 1900 has 28 days'],
    ['2026-04-31T12:00:00Z', 'April 2026 has 30 days'],
    ['2026-1-1 23:30', 'no time-zone offset'],
    ['2026-01-01T23:30:00', 'no time-zone offset'],
    ['2026-01-01T23:30', 'no time-zone offset'],
    ['2026-01-01', 'date without a time'],
    ['2026-03-01 09:30:00Z', 'needs a "T"'],
    ['2026-03-01T09:30Z', 'not an RFC 3339 date-time'],
    ['2016-12-31T23:59:60Z', 'leap seconds'],
    ['2026-01-01T24:00:00Z', 'not a time of day'],
    ['2026-13-01T00:00:00Z', 'no month 13'],
    ['2026-00-10T00:00:00Z', 'no month 00'],
    ['2026-01-00T00:00:00Z', 'not a calendar date'],
    ['2026-01-01T00:00:00+24:00', 'impossible offset'],
    ['2026-01-01T00:00:00+0100', 'not an RFC 3339 date-time'],
    ['2026-01-01T00:00:00.Z', 'not an RFC 3339 date-time'],
    ['2026-01-01T00:00:00Z ', 'not an RFC 3339 date-time'],
    [' 2026-01-01T00:00:00Z', 'not an RFC 3339 date-time'],
    ['+002026-01-01T00:00:00Z', 'not an RFC 3339 date-time'],
    ['Thu, 01 Jan 2026 00:00:00 GMT', 'not an RFC 3339 date-time'],
    ['1735689600000', 'number written as text'],
    ['', 'not an RFC 3339 date-time'],
  ])('refuses %s', (raw, why) => {
    expect(createdAtMs(raw)).toBeNaN();
    expect(createdAtProblem(raw)).toContain(why);
  });

  it('takes epoch milliseconds within the range of a Date, rounding a fraction down', () => {
    expect(createdAtMs(1_772_357_400_000)).toBe(1_772_357_400_000);
    expect(createdAtMs(-1)).toBe(-1);
    expect(createdAtMs(-0.5)).toBe(-1);
    expect(createdAtMs(8.64e15)).toBe(8.64e15);
    expect(createdAtMs(8.64e15 + 1)).toBeNaN();
    expect(createdAtMs(Number.NaN)).toBeNaN();
    expect(createdAtMs(Infinity)).toBeNaN();
    expect(createdAtProblem(Infinity)).toContain('not a usable epoch-milliseconds time');
  });

  it('treats absent and null as no time (no problem to report) and other types as invalid', () => {
    for (const raw of [undefined, null]) {
      expect(createdAtMs(raw)).toBeNaN();
      expect(createdAtProblem(raw)).toBeNull();
    }
    for (const raw of [true, {}, [], ['2026-01-01T00:00:00Z']]) {
      expect(createdAtMs(raw)).toBeNaN();
      expect(createdAtProblem(raw)).toContain('send a date-time text or epoch milliseconds');
    }
  });

  it('agrees with Date.parse on every valid RFC 3339 date-time with an offset (years 0100–9999)', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const instant = fc.record({
      ms: fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31) }),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
      offset: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
      lower: fc.boolean(),
    });
    fc.assert(fc.property(instant, ({ ms, fraction, offset, lower }) => {
      const local = new Date(ms + offset * 60_000);
      const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}`;
      const time = `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}`;
      const sign = offset < 0 ? '-' : '+';
      const zone = offset === 0 && lower ? 'z' : `${sign}${pad(Math.floor(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
      const raw = `${date}${lower ? 't' : 'T'}${time}${fraction === undefined ? '' : `.${fraction}`}${zone}`;
      const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
      expect(createdAtMs(raw)).toBe(Math.floor(ms / 1000) * 1000 + millis);
      expect(createdAtMs(raw)).toBe(Date.parse(raw.toUpperCase().replace(/\.(\d{3})\d+/, '.$1')));
    }), { numRuns: 500 });
  });

  it('refuses every impossible calendar date', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
      const raw = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T12:00:00Z`;
      const real = new Date(Date.UTC(2000, month - 1, day));
      real.setUTCFullYear(year);
      const exists = real.getUTCMonth() === month - 1 && real.getUTCDate() === day;
      expect(Number.isNaN(createdAtMs(raw))).toBe(!exists);
    }), { numRuns: 1000 });
  });
});
