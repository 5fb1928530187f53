import type { AttributeType, Derivation } from '../../catalog/types';
import { createdAtMs, daysFromCivil, MAX_MS } from '../../transactions/created-at';
import { ownProperty, type Reader } from './read';

/**
 * time_of_day and weekday, derived from `created_at` in the plan's time zone. created_at is read by
 * the one strict parser (lib/transactions/created-at.ts); the local time is the instant plus the zone's
 * offset at that instant, as Intl reports it. Nothing here reads the host's time zone.
 *
 * The reader returns undefined / null for an absent / null created_at and NaN for one that is not
 * accepted, which the rule then reports as missing (absent / null / invalid).
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Enough UTC hours for two years of traffic decided in any order; cleared when full. */
const OFFSET_CACHE_LIMIT = 20_000;
/** Marks a UTC hour in which the zone's offset changes: no shortcut, ask Intl for each instant. */
const CHANGES = Number.NaN;
const UTC_NAMES = new Set(['UTC', 'ETC/UTC', 'GMT', 'ETC/GMT', 'Z', 'ETC/ZULU', 'ZULU', 'UCT', 'ETC/UCT']);
export const WEEKDAY_CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * created_at as local wall-clock milliseconds (local time written as if it were UTC). Throws RangeError
 * for a zone Intl does not know: a configuration error, reported at build time.
 * The one-entry memo (time_of_day and weekday of one decision parse created_at once) is keyed by the
 * raw value itself, so it cannot carry anything from one transaction to another.
 */
export function createClock(timeZone: string): (tx: unknown) => unknown {
  const offsetOf = UTC_NAMES.has(timeZone.toUpperCase()) ? null : zoneOffset(timeZone);
  let lastRaw: unknown;
  let lastLocal = Number.NaN;
  return (tx) => {
    const raw = ownProperty(tx, 'created_at');
    if (raw === undefined || raw === null) return raw;
    if (raw === lastRaw) return lastLocal;
    const ms = createdAtMs(raw);
    const local = Number.isNaN(ms) || offsetOf === null ? ms : ms + offsetOf(ms);
    lastRaw = raw;
    lastLocal = local;
    return local;
  };
}

/**
 * The zone's offset at an instant. Intl is asked for the offsets at the first and the last second of the
 * instant's UTC hour; when they are equal the offset is constant over the hour and is kept for every
 * instant in it, otherwise Intl is asked for each instant. "Equal at both ends" means "constant" because
 * no zone's offset lasts less than an hour (the shortest period between two transitions, 1800–2100, in
 * every zone Intl knows, is 166 hours; time-zone-data.test.ts checks it), so an hour cannot hold a transition and
 * its reversal. Offsets are whole seconds; any offset works, not just whole quarter hours.
 */
function zoneOffset(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
  });
  const byUtcHour = new Map<number, number>();
  return (ms) => {
    const hour = Math.floor(ms / HOUR);
    let offset = byUtcHour.get(hour);
    if (offset === undefined) {
      const first = wallClockOffset(format, hour * HOUR);
      // The hour's last second, or the last instant Intl can format.
      offset = first === wallClockOffset(format, Math.min(hour * HOUR + HOUR - 1000, MAX_MS)) ? first : CHANGES;
      if (byUtcHour.size >= OFFSET_CACHE_LIMIT) byUtcHour.clear();
      byUtcHour.set(hour, offset);
    }
    return Number.isNaN(offset) ? wallClockOffset(format, ms) : offset;
  };
}

/** Local wall-clock time minus UTC, in ms, at instant `ms` (whole seconds: Intl shows no fraction). */
function wallClockOffset(format: Intl.DateTimeFormat, ms: number): number {
  const f: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) f[part.type] = part.value;
  const bc = f.era === 'BC' || f.era === 'B';
  const year = bc ? 1 - Number(f.year) : Number(f.year);
  // Arithmetic, not a Date: near the ends of Date's range the wall-clock time can lie outside it.
  const wall = daysFromCivil(year, Number(f.month), Number(f.day)) * DAY + ((Number(f.hour) * 60 + Number(f.minute)) * 60 + Number(f.second)) * 1000;
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A reader for a derived attribute, sharing one clock per plan so created_at is parsed once. */
export function derivedReader(derivation: Derivation, type: AttributeType, clock: (tx: unknown) => unknown): Reader {
  const numeric = type === 'integer' || type === 'number';
  if (derivation.part === 'hour') {
    return (tx) => {
      const local = clock(tx);
      if (typeof local !== 'number' || Number.isNaN(local)) return local;
      return Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
    };
  }
  return (tx) => {
    const local = clock(tx);
    if (typeof local !== 'number' || Number.isNaN(local)) return local;
    // 1970-01-01 was a Thursday: index 3 counting from Monday.
    const index = (((Math.floor(local / DAY) + 3) % 7) + 7) % 7;
    return numeric ? index + 1 : WEEKDAY_CODES[index];
  };
}
