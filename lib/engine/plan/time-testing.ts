/** Test helpers: a zone's offsets and offset changes (years 1800+), read with plain Intl, independently of time.ts. */

/** Instants where the zone's offset changes within `[from, to)`: probes `step` apart, then bisection to the second. */
export function offsetChanges(offsetAt: (ms: number) => number, from: number, to: number, step: number): number[] {
  const changes: number[] = [];
  let before = offsetAt(from);
  for (let t = from; t < to; t += step) {
    const after = offsetAt(t + step);
    if (after === before) continue;
    let lo = t;
    let hi = t + step;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    changes.push(hi);
    before = after;
  }
  return changes;
}

export function offsetReader(zone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  return (ms) => {
    const f = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
    return Date.UTC(Number(f.year), Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute), Number(f.second)) - Math.floor(ms / 1000) * 1000;
  };
}

