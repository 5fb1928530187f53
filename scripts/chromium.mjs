import { existsSync } from 'node:fs';

/**
 * Which Chromium the end-to-end tests drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE, then the system's
 * /usr/bin/chromium (Debian: apt-get install chromium), then the browser `npx playwright install chromium`
 * downloads. Returns undefined for "use Playwright's own", or throws with how to get one.
 */
export async function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${fromEnv} does not exist.`);
    return fromEnv;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  const { chromium } = await import('@playwright/test');
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    [
      'No Chromium found for the end-to-end tests. Get one of:',
      '  - Debian/Ubuntu: sudo apt-get install -y chromium   (gives /usr/bin/chromium)',
      '  - anywhere with internet: npx playwright install chromium',
      '  - an existing Chrome/Chromium: export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chrome',
    ].join('\n'),
  );
}
