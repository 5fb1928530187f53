import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { auditEntries, sessions } from '@/db/schema';
import { testDatabases } from '@/db/testing';
import { createUser, deleteUser, endUserSessions, setUserDisabled } from '@/lib/services/users';
import type { ServiceContext } from '@/lib/services/context';
import { createAuth, type Auth } from './auth';

const ORIGIN = 'http://switchyard.test';
const env = { BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret-0123', BETTER_AUTH_URL: ORIGIN } as unknown as NodeJS.ProcessEnv;

/** A sign-in through better-auth's HTTP handler, as the browser does it. */
async function signIn(auth: Auth, email: string, password: string, address = '203.0.113.7') {
  return auth.handler(new Request(`${ORIGIN}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  }));
}

const cookieOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

async function sessionOf(auth: Auth, cookie: string) {
  return auth.api.getSession({ headers: new Headers({ cookie }) });
}

describe.each(testDatabases())('sign-in on $name', (target) => {
  let connection: Connection;
  let auth: Auth;
  let system: ServiceContext;
  beforeAll(async () => {
    connection = await target.open();
    auth = createAuth(connection.db, env);
    system = { db: connection.db, actor: { kind: 'system', name: 'test' }, via: 'system' };
    await createUser(system, { email: 'root@example.com', password: 'the first admin', role: 'admin' }); // the first user is an admin
    await createUser(system, { email: 'ada@example.com', password: 'correct horse battery', role: 'editor' });
  });
  afterAll(async () => connection?.close());

  it('signs in with the right password: an httpOnly, SameSite=Lax session cookie for a session stored in the database', async () => {
    const response = await signIn(auth, 'ADA@example.com', 'correct horse battery');
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((c) => c.includes('session_token'))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; https sets Secure
    const session = await sessionOf(auth, cookieOf(response));
    expect(session?.user.email).toBe('ada@example.com');
    expect((session?.user as { role?: string }).role).toBe('editor');
    const rows = await connection.db.select().from(sessions).where(eq(sessions.userId, session!.user.id));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses a wrong password and an unknown email alike, and audits the failure', async () => {
    const wrong = await signIn(auth, 'ada@example.com', 'not the password', '203.0.113.8');
    const unknown = await signIn(auth, 'nobody@example.com', 'whatever123', '203.0.113.8');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).message).toBe((await unknown.json()).message);
    const [last] = await connection.db.select().from(auditEntries).orderBy(desc(auditEntries.id)).limit(1);
    expect(last).toMatchObject({ action: 'sign_in_failed', entity: 'session', entityId: 'nobody@example.com' });
  });

  it('signing out from the server (as the sign-out form does) ends the session and audits it with the address', async () => {
    const cookie = cookieOf(await signIn(auth, 'ada@example.com', 'correct horse battery', '203.0.113.10'));
    const session = await sessionOf(auth, cookie);
    expect(session).not.toBeNull();
    await auth.api.signOut({ headers: new Headers({ cookie, 'x-forwarded-for': '203.0.113.10' }) });
    expect(await sessionOf(auth, cookie)).toBeNull();
    expect(await connection.db.select().from(sessions).where(eq(sessions.token, session!.session.token))).toEqual([]);
    const [last] = await connection.db.select().from(auditEntries).orderBy(desc(auditEntries.id)).limit(1);
    expect(last).toMatchObject({ action: 'sign_out', entityId: session!.user.id, address: '203.0.113.10' });
  });

  it('a tampered cookie is no session', async () => {
    const response = await signIn(auth, 'ada@example.com', 'correct horse battery', '203.0.113.9');
    const cookie = cookieOf(response);
    const tampered = cookie.replace(/session_token=([^.;]+)/, (_, token: string) => `session_token=${token.slice(0, -2)}xx`);
    expect(tampered).not.toBe(cookie);
    expect(await sessionOf(auth, tampered)).toBeNull();
  });

  it('throttles sign-in attempts from one address: the eleventh in a minute gets 429 with when to retry', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn(auth, 'ada@example.com', 'guess-number-' + i, '198.51.100.1')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await signIn(auth, 'ada@example.com', 'correct horse battery', '198.51.100.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await signIn(auth, 'ada@example.com', 'correct horse battery', '198.51.100.2')).status).toBe(200);
  });

  it('a disabled user cannot sign in, and disabling ends their sessions', async () => {
    const created = await createUser(system, { email: 'bob@example.com', password: 'bob password 1', role: 'viewer' });
    if (!created.ok) throw new Error(created.error.message);
    const cookie = cookieOf(await signIn(auth, 'bob@example.com', 'bob password 1', '203.0.113.20'));
    expect(await sessionOf(auth, cookie)).not.toBeNull();
    await setUserDisabled(system, created.value.id, true);
    expect(await sessionOf(auth, cookie)).toBeNull();
    const refused = await signIn(auth, 'bob@example.com', 'bob password 1', '203.0.113.21');
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toMatch(/disabled/);
  });

  it('ending all sessions of a user signs out every browser; a deleted user has no session', async () => {
    const created = await createUser(system, { email: 'cy@example.com', password: 'cy password 12', role: 'publisher' });
    if (!created.ok) throw new Error(created.error.message);
    const one = cookieOf(await signIn(auth, 'cy@example.com', 'cy password 12', '203.0.113.30'));
    const two = cookieOf(await signIn(auth, 'cy@example.com', 'cy password 12', '203.0.113.31'));
    const ended = await endUserSessions(system, created.value.id);
    expect(ended).toEqual({ ok: true, value: { ended: 2 } });
    expect(await sessionOf(auth, one)).toBeNull();
    expect(await sessionOf(auth, two)).toBeNull();
    const three = cookieOf(await signIn(auth, 'cy@example.com', 'cy password 12', '203.0.113.32'));
    await deleteUser(system, created.value.id);
    expect(await sessionOf(auth, three)).toBeNull();
  });

  it('sign-up is closed: accounts are made by admins', async () => {
    const response = await auth.handler(new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': '203.0.113.40' },
      body: JSON.stringify({ email: 'eve@example.com', password: 'eve password 1', name: 'Eve' }),
    }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((await signIn(auth, 'eve@example.com', 'eve password 1', '203.0.113.41')).status).toBe(401);
  });
});
