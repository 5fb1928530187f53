import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { countUsers, createFirstAdmin } from '@/lib/services/users';

export const DEMO_ADMIN_EMAIL = 'admin@switchyard.local';

export type Bootstrap =
  | { kind: 'users_exist' }
  | { kind: 'admin_from_env'; email: string }
  | { kind: 'demo_admin'; email: string; password: string }
  | { kind: 'setup_page' }
  | { kind: 'refused'; message: string };

/**
 * When no user exists: SWITCHYARD_ADMIN_EMAIL + SWITCHYARD_ADMIN_PASSWORD create the first admin
 * (scripted installs, CI); otherwise the embedded demo database gets a demo admin with a random
 * password, which only the terminal shows; otherwise (a real Postgres) /setup asks for one.
 */
export async function bootstrapFirstAdmin(db: Db, env: NodeJS.ProcessEnv): Promise<Bootstrap> {
  if ((await countUsers(db)) > 0) return { kind: 'users_exist' };
  const ctx = (name: string) => ({ db, actor: { kind: 'system', name } as const, via: 'system' as const });
  const email = env.SWITCHYARD_ADMIN_EMAIL?.trim();
  const password = env.SWITCHYARD_ADMIN_PASSWORD;
  if (email || password) {
    if (!email || !password) return { kind: 'refused', message: 'Set both SWITCHYARD_ADMIN_EMAIL and SWITCHYARD_ADMIN_PASSWORD (or neither).' };
    const created = await createFirstAdmin(ctx('SWITCHYARD_ADMIN_EMAIL'), { email, password });
    if (created.ok) return { kind: 'admin_from_env', email: created.value.email };
    if (created.error.code === 'conflict') return { kind: 'users_exist' };
    const issues = 'issues' in created.error ? created.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : created.error.message;
    return { kind: 'refused', message: `SWITCHYARD_ADMIN_EMAIL / _PASSWORD were not used: ${issues}` };
  }
  if (env.DATABASE_URL) return { kind: 'setup_page' };
  const demoPassword = randomBytes(15).toString('base64url');
  const created = await createFirstAdmin(ctx('embedded demo'), { email: DEMO_ADMIN_EMAIL, password: demoPassword, name: 'Demo admin' });
  if (created.ok) return { kind: 'demo_admin', email: DEMO_ADMIN_EMAIL, password: demoPassword };
  return created.error.code === 'conflict' ? { kind: 'users_exist' } : { kind: 'refused', message: created.error.message };
}

/** What the terminal says about it. The demo password is printed here and nowhere else. */
export function announceBootstrap(outcome: Bootstrap): void {
  switch (outcome.kind) {
    case 'admin_from_env':
      console.log(`✓ Switchyard: created the admin ${outcome.email} (SWITCHYARD_ADMIN_EMAIL).`);
      return;
    case 'demo_admin':
      console.log(
        [
          '',
          '  ┌ Switchyard demo sign-in (shown once, here only) ─────────',
          `  │ email:    ${outcome.email}`,
          `  │ password: ${outcome.password}`,
          '  └ Add users and change this on /settings/users. ──────────',
          '',
        ].join('\n'),
      );
      return;
    case 'setup_page':
      console.log('○ Switchyard: no user yet. Open /setup to create the first admin.');
      return;
    case 'refused':
      console.error(`✗ Switchyard: ${outcome.message}`);
      return;
    case 'users_exist':
      return;
  }
}
