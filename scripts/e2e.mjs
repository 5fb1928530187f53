/**
 * `npm run test:e2e`: production build, then Playwright in Chromium against `next start` on a fresh
 * temporary embedded database (playwright.config.ts starts the servers). With arguments (spec files,
 * `-g` filters) it runs what they select; without, everything in two passes (see below).
 */
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

let executable;
try {
  executable = await findChromium();
} catch (error) {
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!process.env.E2E_SKIP_BUILD) run('npx', ['next', 'build']);
const browser = executable ? { PLAYWRIGHT_CHROMIUM_EXECUTABLE: executable } : {};
const args = process.argv.slice(2);
if (args.length > 0) {
  run('npx', ['playwright', 'test', ...args], browser); // the specs or filters asked for
} else {
  // The specs that change what is live for the whole account run after the rest, one at a time, on
  // servers of their own (playwright.config.ts, project "live changes"). Both passes run; either failing fails.
  const passes = [['--project=sign in', '--project=chromium'], ['--project=live changes', '--workers=1']];
  const failed = passes.map((pass) => spawnSync('npx', ['playwright', 'test', ...pass], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...browser } }).status).find((status) => status !== 0);
  if (failed !== undefined) process.exit(failed ?? 1);
}
