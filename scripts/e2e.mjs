/**
 * `npm run test:e2e`: production build, then Playwright in Chromium against `next start` on a fresh
 * temporary embedded database (playwright.config.ts starts the servers).
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
run('npx', ['playwright', 'test', ...process.argv.slice(2)], executable ? { PLAYWRIGHT_CHROMIUM_EXECUTABLE: executable } : {});
