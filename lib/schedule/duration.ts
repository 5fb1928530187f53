/*
 * How long a processor is drained for, as people type it: "2 hours", "90 min", "1h30m", "45m", "1 day".
 */

const UNITS: Record<string, number> = { d: 86_400_000, day: 86_400_000, days: 86_400_000, h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000, m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000, s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000 };

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const input = text.trim().toLowerCase();
  if (!input) return undefined;
  const piece = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:and\s*|,\s*)?/gy;
  let total = 0;
  let at = 0;
  for (let m = piece.exec(input); m; m = piece.exec(input)) {
    const unit = UNITS[m[2]!];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    at = piece.lastIndex;
  }
  return at === input.length && total > 0 ? Math.round(total) : undefined;
}

/** "1 h 52 min", "3 min", "40 s" — a span, roughly, for "in …". */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}
