/** How the traffic views write numbers. */
export const count = (x: number) => x.toLocaleString('en');
export const percent = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

/** 12 → "12 µs", 1 500 → "1.5 ms". */
export function duration(us: number | null): string {
  if (us === null) return '—';
  if (us < 1000) return `${Math.round(us)} µs`;
  return `${(Math.round(us / 100) / 10).toLocaleString('en')} ms`;
}

/** A bucket's start as the chart's axis shows it: the time for minutes, day and hour for hours (UTC). */
export function bucketLabel(t: number, bucketMs: number): string {
  const iso = new Date(t).toISOString();
  return bucketMs >= 3_600_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(11, 16);
}
