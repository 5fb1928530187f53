/**
 * The one reading of a transaction's `created_at`, shared by the engine (time_of_day, weekday), the
 * simulator, the CLI and the transaction lint. Accepted:
 * - an RFC 3339 date-time with an offset: `2026-03-01T09:30:00Z`, `2026-03-01T15:15:00+05:45`; seconds
 *   required, a fraction optional (truncated to the millisecond), `T` and `Z` in either case, no leap
 *   second, and a real calendar date and time (`2025-02-29` is refused);
 * - epoch milliseconds: a finite number within the range of a JavaScript Date.
 * Anything else (a date alone, a date-time without an offset, `2026-1-1 23:30`, a numeric string) is
 * invalid. Nothing here reads the host's time zone: Date.parse is not used, because it reads
 * offset-less date-times in the host's zone and guesses at non-ISO strings.
 */

/** Date's (and Intl's) range: ±100,000,000 days around the epoch. */
export const MAX_MS = 8.64e15;
const MINUTE = 60_000;

/** Milliseconds since the epoch for an accepted `created_at`, or NaN for anything else (absent included). */
export function createdAtMs(raw: unknown): number {
  if (typeof raw === 'number') return raw - raw === 0 && Math.abs(raw) <= MAX_MS ? Math.floor(raw) : Number.NaN;
  return typeof raw === 'string' ? parseRfc3339(raw) : Number.NaN;
}

/**
 * Why a present `created_at` is not accepted, as a sentence for ops staff; null when it is accepted
 * (or absent / null, which simply mean "no time").
 */
export function createdAtProblem(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') {
    return Number.isNaN(createdAtMs(raw)) ? `${raw} is not a usable epoch-milliseconds time.` : null;
  }
  if (typeof raw !== 'string') return `created_at is ${describe(raw)}; send a date-time text or epoch milliseconds.`;
  if (!Number.isNaN(parseRfc3339(raw))) return null;
  const shape = SHAPE.exec(raw);
  if (shape === null) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return `"${raw}" is a date without a time; add a time and an offset, e.g. "${raw}T00:00:00Z".`;
    if (NO_OFFSET.test(raw)) return `"${raw}" has no time-zone offset; add one, e.g. "Z" for UTC or "+01:00".`;
    if (SHAPE.test(raw.replace(' ', 'T'))) return `"${raw}" separates date and time with a space; RFC 3339 needs a "T", e.g. "${raw.replace(' ', 'T')}".`;
    if (/^\d+$/.test(raw)) return `"${raw}" is a number written as text; send epoch milliseconds as a JSON number.`;
    return `"${raw}" is not an RFC 3339 date-time such as 2026-03-01T09:30:00Z.`;
  }
  const [, year, month, day, hour, minute, second, offsetHour, offsetMinute] = shape;
  const m = Number(month);
  if (m < 1 || m > 12) return `"${raw}" has no month ${month}.`;
  if (Number(day) < 1 || Number(day) > daysInMonth(Number(year), m)) return `"${raw}" is not a calendar date: ${MONTHS[m - 1]} ${year} has ${daysInMonth(Number(year), m)} days.`;
  if (Number(hour) > 23 || Number(minute) > 59) return `"${raw}" is not a time of day.`;
  if (Number(second) > 59) return `"${raw}" has second ${second}; leap seconds are not accepted.`;
  if (offsetHour !== undefined && (Number(offsetHour) > 23 || Number(offsetMinute) > 59)) return `"${raw}" has an impossible offset.`;
  return `"${raw}" is not an RFC 3339 date-time such as 2026-03-01T09:30:00Z.`;
}

/** The layout of an RFC 3339 date-time, before range checks (used only to explain a refusal). */
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const NO_OFFSET = /^\d{4}-\d{1,2}-\d{1,2}[Tt ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function describe(value: unknown): string {
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM), read by character codes (no regular expression, no
 * allocation: this runs once per decision that uses a time attribute).
 */
function parseRfc3339(s: string): number {
  const n = s.length;
  if (n < 20) return Number.NaN;
  const year = digits4(s, 0);
  const month = digits2(s, 5);
  const day = digits2(s, 8);
  const hour = digits2(s, 11);
  const minute = digits2(s, 14);
  const second = digits2(s, 17);
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
    second < 0 || second > 59 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 || (s.charCodeAt(10) | 0x20) !== 116 /* t */ || day > daysInMonth(year, month)
  ) return Number.NaN;
  let i = 19;
  let millis = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    i++;
    const start = i;
    // Milliseconds from the first three digits; further digits are read and dropped (truncation).
    for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) {
      if (i - start < 3) millis = millis * 10 + (c - 48);
    }
    if (i === start) return Number.NaN;
    for (let k = i - start; k < 3; k++) millis *= 10;
  }
  let offset: number;
  const sign = s.charCodeAt(i);
  if ((sign | 0x20) === 122 /* z */) {
    if (i + 1 !== n) return Number.NaN;
    offset = 0;
  } else if (sign === 43 || sign === 45) {
    const offsetHour = digits2(s, i + 1);
    const offsetMinute = digits2(s, i + 4);
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58 || offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) {
      return Number.NaN;
    }
    offset = (sign === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else {
    return Number.NaN;
  }
  const local = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return local - offset * MINUTE;
}

/** Two ASCII digits at `i` as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function digits4(s: string, i: number): number {
  const high = digits2(s, i);
  const low = digits2(s, i + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in a month of the proleptic Gregorian calendar (RFC 3339's calendar). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). Date.UTC is not
 * used because it maps years 0–99 to 1900–1999.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
