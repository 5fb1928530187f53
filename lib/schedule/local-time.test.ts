import { describe, expect, it } from 'vitest';
import { formatInZone, instantOfLocal, localInputValue } from './local-time';
import { formatSpan, parseDuration } from './duration';

const at = (local: string, zone: string) => {
  const r = instantOfLocal(local, zone);
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe('local times in a zone', () => {
  it('turns an ordinary local time into its instant', () => {
    expect(at('2026-07-01T02:00', 'Europe/Berlin').instant.toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(at('2026-01-15 02:00', 'Europe/Berlin').instant.toISOString()).toBe('2026-01-15T01:00:00.000Z');
    expect(at('2026-01-15T09:30', 'America/New_York').instant.toISOString()).toBe('2026-01-15T14:30:00.000Z');
    expect(at('2026-01-15T09:30', 'UTC').fold).toBeUndefined();
    expect(at('2026-01-15T09:30:15', 'UTC').instant.toISOString()).toBe('2026-01-15T09:30:15.000Z');
    expect(at('2026-01-15T09:30', 'Asia/Kolkata').instant.toISOString()).toBe('2026-01-15T04:00:00.000Z');
  });

  it('refuses a time the clocks skip (spring forward)', () => {
    const r = instantOfLocal('2026-03-29T02:30', 'Europe/Berlin');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('does not exist in Europe/Berlin') });
    expect(instantOfLocal('2026-03-08T02:15', 'America/New_York').ok).toBe(false);
    // Either side of the gap is fine.
    expect(at('2026-03-29T01:59', 'Europe/Berlin').instant.toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(at('2026-03-29T03:00', 'Europe/Berlin').instant.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the first of a time that happens twice (fall back) and says so', () => {
    const r = at('2026-10-25T02:30', 'Europe/Berlin');
    expect(r.instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(r.fold).toContain('happens twice');
    expect(r.fold).toContain('00:30 UTC, not 01:30 UTC');
    expect(at('2026-11-01T01:30', 'America/New_York').instant.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(instantOfLocal('tomorrow', 'UTC').ok).toBe(false);
    expect(instantOfLocal('2026-02-30T10:00', 'UTC')).toEqual({ ok: false, message: '2026-02-30T10:00 is not a date and time.' });
    expect(instantOfLocal('2026-02-10T24:00', 'UTC').ok).toBe(false);
    expect(instantOfLocal('2026-02-10T10:00:60', 'UTC').ok).toBe(false);
  });

  it('shows an instant on the wall clock of a zone', () => {
    const instant = new Date('2026-03-29T01:00:00Z');
    expect(formatInZone(instant, 'Europe/Berlin')).toBe('2026-03-29 03:00 CEST');
    expect(formatInZone(instant, 'UTC')).toBe('2026-03-29 01:00 UTC');
    expect(formatInZone(new Date('2026-03-29T01:00:15Z'), 'UTC')).toBe('2026-03-29 01:00:15 UTC');
    expect(localInputValue(instant, 'Europe/Berlin')).toBe('2026-03-29T03:00');
  });
});

describe('durations', () => {
  it('reads the ways people write them', () => {
    expect(parseDuration('2 hours')).toBe(7_200_000);
    expect(parseDuration('90 min')).toBe(5_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1 h 30 min')).toBe(5_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('20s')).toBe(20_000);
    expect(parseDuration('1 day')).toBe(86_400_000);
  });
  it('refuses what is not one', () => {
    for (const text of ['', 'soon', '2', '2 parsecs', '0 min', '2 hours later']) expect(parseDuration(text)).toBeUndefined();
  });
  it('writes a span roughly', () => {
    expect(formatSpan(6_720_000)).toBe('1 h 52 min');
    expect(formatSpan(40_000)).toBe('40 s');
    expect(formatSpan(180_000)).toBe('3 min');
    expect(formatSpan(7_200_000)).toBe('2 h');
  });
});
