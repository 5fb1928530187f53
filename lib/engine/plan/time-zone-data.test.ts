import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The fact the hour cache in time.ts rests on: in the zone data this Node ships (the same ICU that
 * Intl reads), no offset lasts less than an hour, so equal offsets at both ends of a UTC hour mean the
 * offset is constant over it. Listing transitions needs Temporal, which Node 20–22 have behind
 * --harmony-temporal; where that flag is gone the check is skipped (the Intl property tests remain).
 */

const SCRIPT = `
const start = Temporal.Instant.from('1800-01-01T00:00:00Z');
const end = Temporal.Instant.from('2100-12-31T00:00:00Z');
let shortest = Infinity, where = '', transitions = 0;
for (const zone of [...Intl.supportedValuesOf('timeZone'), 'UTC']) {
  const tz = Temporal.TimeZone.from(zone);
  let previous = null, t = start;
  for (;;) {
    const next = tz.getNextTransition(t);
    if (!next || Temporal.Instant.compare(next, end) > 0) break;
    transitions++;
    if (previous) {
      const gap = next.epochMilliseconds - previous.epochMilliseconds;
      if (gap < shortest) { shortest = gap; where = zone + ' ' + previous.toString() + ' to ' + next.toString(); }
    }
    previous = next; t = next;
  }
}
console.log(JSON.stringify({ shortest, where, transitions }));`;

const probe = spawnSync(process.execPath, ['--harmony-temporal', '-e', 'process.exit(typeof Temporal?.TimeZone?.from === "function" ? 0 : 1)']);

describe('time zone data', () => {
  it.runIf(probe.status === 0)('has no offset lasting less than an hour in any zone, 1800–2100', () => {
    const run = spawnSync(process.execPath, ['--harmony-temporal', '-e', SCRIPT], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const { shortest, where, transitions } = JSON.parse(run.stdout) as { shortest: number; where: string; transitions: number };
    expect(transitions).toBeGreaterThan(10_000);
    expect(shortest, where).toBeGreaterThan(3_600_000);
  });
});
