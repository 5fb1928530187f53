/*
 * Wall-clock times in a time zone → instants, for scheduled changes. A local time can name no instant
 * (the hour skipped when clocks go forward) or two (the hour repeated when they go back); both are
 * answered explicitly rather than letting Date guess.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export type LocalInstant =
  | { ok: true; instant: Date; /** Set when the time happens twice: which one was taken, in words. */ fold?: string }
  | { ok: false; message: string };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `ms`, as if it were UTC (milliseconds). */
function wallClock(ms: number, zone: string): number {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The zone's offset from UTC at `ms`, in milliseconds. */
const offsetAt = (ms: number, zone: string) => wallClock(ms, zone) - Math.floor(ms / 1000) * 1000;

/** "2026-03-29T02:30" (seconds optional) in `zone` → the instant, or why there is none. `zone` must be a known IANA zone. */
export function instantOfLocal(local: string, zone: string): LocalInstant {
  const m = LOCAL.exec(local.trim());
  if (!m) return { ok: false, message: 'Give a date and time as YYYY-MM-DD HH:MM.' };
  const [, y, mo, d, h, mi, sec = 0] = m.map((part) => (part === undefined ? undefined : Number(part))) as [number, number, number, number, number, number, number?];
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return { ok: false, message: `${local.trim()} is not a date and time.` };
  // The offsets a day either side cover any change of clocks on that day.
  const candidates = [...new Set([offsetAt(wall - 86_400_000, zone), offsetAt(wall + 86_400_000, zone), offsetAt(wall, zone)].map((o) => wall - o))]
    .filter((ms) => wallClock(ms, zone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    return { ok: false, message: `${local.trim()} does not exist in ${zone}: the clocks skip that hour. Pick a time outside it.` };
  }
  const instant = new Date(candidates[0]!);
  if (candidates.length === 1) return { ok: true, instant };
  const later = new Date(candidates[candidates.length - 1]!);
  return {
    ok: true,
    instant,
    fold: `${local.trim()} happens twice in ${zone} (the clocks go back); the first one is taken, ${instant.toISOString().slice(11, 16)} UTC, not ${later.toISOString().slice(11, 16)} UTC.`,
  };
}

/** "2026-03-29 03:00 CEST" — an instant as the wall clock in `zone` shows it (with seconds when it has any). */
export function formatInZone(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const seconds = parts.second === '00' ? '' : `:${parts.second}`;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds} ${parts.timeZoneName}`;
}

/** The local time in `zone` as the form's value ("2026-03-29T02:30"). */
export function localInputValue(instant: Date, zone: string): string {
  return new Date(wallClock(instant.getTime(), zone)).toISOString().slice(0, 16);
}
