/**
 * `npm run user -- create --email a@b.c --role admin [--name "Ada"] [--password-stdin]`
 * `npm run user -- list`
 * Without --password-stdin a random password is made and printed once. With the embedded database,
 * stop the app first (PGlite admits one process).
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { openDatabase, targetFromEnv } from '../db/client';
import { createUser, listUsers } from '../lib/services/users';
import type { ServiceContext } from '../lib/services/context';

const USAGE = 'usage: npm run user -- create --email <email> --role <viewer|editor|publisher|admin> [--name <name>] [--password-stdin]\n       npm run user -- list';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
});

const command = positionals[0];
if (command !== 'create' && command !== 'list') {
  console.error(USAGE);
  process.exit(2);
}

const connection = await openDatabase(targetFromEnv());
let exitCode = 0;
try {
  if (connection.target.kind !== 'postgres') await connection.migrate();
  const ctx: ServiceContext = { db: connection.db, actor: { kind: 'system', name: 'command line' }, via: 'cli' };
  if (command === 'list') {
    const users = await listUsers(ctx);
    if (users.ok) for (const u of users.value) console.log(`${u.email}\t${u.role}${u.disabled ? '\tdisabled' : ''}`);
  } else {
    const fromStdin = values['password-stdin'];
    const password = fromStdin ? (await text(process.stdin)).replace(/\r?\n$/, '') : randomBytes(15).toString('base64url');
    const created = await createUser(ctx, { email: values.email ?? '', role: values.role ?? '', name: values.name, password });
    if (created.ok) {
      console.log(`created ${created.value.email} (${created.value.role})`);
      if (!fromStdin) console.log(`password: ${password}`);
    } else {
      exitCode = 1;
      console.error(`refused: ${created.error.message}`);
      for (const issue of 'issues' in created.error ? (created.error.issues ?? []) : []) console.error(`  ${issue.path.join('.') || '(input)'}: ${issue.message}`);
    }
  }
} finally {
  await connection.close();
}
process.exit(exitCode);
