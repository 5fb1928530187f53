import { describe, expect, it } from 'vitest';

/** Guards the far-zone test project (vitest.config.ts): its tests really run with the host in that zone. */
const expected = process.env.SWITCHYARD_EXPECT_HOST_ZONE;

describe('host time zone', () => {
  it.runIf(expected !== undefined)('is the far zone the project asks for', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(expected);
    expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).not.toBe(0);
  });
});
