import type { AttributeType, Derivation } from '../../catalog/types';
import { ownProperty, type Reader } from './read';

/**
 * time_of_day and weekday, derived from `created_at` (ISO 8601 string, or epoch milliseconds) in the
 * plan's time zone. UTC needs only arithmetic. Other zones ask Intl for the zone's offset and cache it
 * per 15-minute bucket: every modern zone offset and transition falls on a quarter hour, so the offset
 * is constant inside a bucket. The reader returns undefined / null for an absent / null created_at and
 * NaN for one that is not a date, which the rule then reports as missing (wrong type).
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const BUCKET = 15 * MINUTE;
const OFFSET_CACHE_LIMIT = 4096;
const UTC_NAMES = new Set(['UTC', 'ETC/UTC', 'GMT', 'ETC/GMT', 'Z', 'ETC/ZULU', 'ZULU', 'UCT', 'ETC/UCT']);
export const WEEKDAY_CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Throws RangeError for a zone Intl does not know: a configuration error, reported at build time. */
export function createClock(timeZone: string): (tx: unknown) => unknown {
  const offsetOf = UTC_NAMES.has(timeZone.toUpperCase()) ? null : zoneOffset(timeZone);
  let lastRaw: unknown;
  let lastLocal = Number.NaN;
  return (tx) => {
    const raw = ownProperty(tx, 'created_at');
    if (raw === undefined || raw === null) return raw;
    if (raw === lastRaw) return lastLocal;
    let ms = Number.NaN;
    if (typeof raw === 'string') ms = Date.parse(raw);
    else if (typeof raw === 'number' && Number.isFinite(raw) && Math.abs(raw) <= 8.64e15) ms = raw;
    const local = Number.isNaN(ms) || offsetOf === null ? ms : ms + offsetOf(ms);
    lastRaw = raw;
    lastLocal = local;
    return local;
  };
}

function zoneOffset(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
  });
  const cache = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / BUCKET);
    const cached = cache.get(bucket);
    if (cached !== undefined) return cached;
    if (cache.size >= OFFSET_CACHE_LIMIT) cache.clear();
    const offset = wallClockOffset(format, ms);
    cache.set(bucket, offset);
    return offset;
  };
}

/** Local wall-clock time minus UTC, in ms, at instant `ms`. */
function wallClockOffset(format: Intl.DateTimeFormat, ms: number): number {
  const f: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) f[part.type] = part.value;
  const year = Number(f.year) * (f.era === 'BC' || f.era === 'B' ? -1 : 1) + (f.era === 'BC' || f.era === 'B' ? 1 : 0);
  const wall = Date.UTC(year, Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute), Number(f.second));
  const offset = wall - Math.floor(ms / 1000) * 1000;
  return Number.isFinite(offset) && Math.abs(offset) < DAY ? offset : 0;
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
