/**
 * Before `npm start`: build the production app when there is no build yet or a source file changed
 * since the last one, so the README's one command gives every page compiled ahead (on a fresh clone
 * the first start builds once; later starts skip this in milliseconds). Test files are not sources.
 * SWITCHYARD_BUILD=never skips the check (a deployment that ships its own build).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const BUILD_ID = '.next/BUILD_ID';
const SOURCES = ['app', 'components', 'lib', 'db', 'server', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json'];
const NOT_SOURCE = /\.test\.tsx?$|(^|\/)testing\.ts$|(^|\/)_tests(\/|$)/;

/** The newest modification time under `entry` (ms), test files left out. */
function newest(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return NOT_SOURCE.test(entry) ? 0 : stat.mtimeMs;
  return readdirSync(entry).reduce((latest, name) => Math.max(latest, newest(path.join(entry, name))), 0);
}

/** Why a build is needed, or null when the last one is up to date. */
function buildNeeded() {
  if (!existsSync(BUILD_ID)) return 'there is no production build yet';
  const built = statSync(BUILD_ID).mtimeMs;
  const changed = SOURCES.find((entry) => newest(entry) > built);
  return changed ? `${changed} changed since the last build` : null;
}

if (process.env.SWITCHYARD_BUILD !== 'never') {
  const reason = buildNeeded();
  if (reason) {
    console.log(`○ Switchyard: building the app first (${reason}); minutes on a first start, then every page opens at once …`);
    const started = performance.now();
    const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
    console.log(`✓ Switchyard: built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}
