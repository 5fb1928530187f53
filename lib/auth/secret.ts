import 'server-only';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key that signs session cookies: BETTER_AUTH_SECRET, or one generated on first start into the
 * data folder (next to the embedded database) and kept there. Several instances on one Postgres must
 * share it, so deployments set BETTER_AUTH_SECRET.
 */
export function authSecret(env: NodeJS.ProcessEnv): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  const file = secretFile(env);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // 'wx': two processes starting at once must not both write; the loser reads the winner's.
  try {
    writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}

export function secretFile(env: NodeJS.ProcessEnv): string {
  const dataDir = env.SWITCHYARD_DATA_DIR ? path.dirname(env.SWITCHYARD_DATA_DIR) : path.join(process.cwd(), '.data');
  return path.join(dataDir, 'auth-secret');
}
