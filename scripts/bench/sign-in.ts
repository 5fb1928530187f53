import { randomBytes } from 'node:crypto';

/**
 * The app needs a session: a bench server creates its first admin at start from SWITCHYARD_ADMIN_*
 * (a fresh password each run), and the bench signs in as the sign-in page does.
 */
export interface BenchAdmin {
  email: string;
  password: string;
}

export function benchAdmin(): BenchAdmin {
  return { email: 'bench@switchyard.test', password: randomBytes(12).toString('base64url') };
}

/** The server's environment that creates `admin` when the database has no user yet. */
export function adminEnv(admin: BenchAdmin): Record<string, string> {
  return { SWITCHYARD_ADMIN_EMAIL: admin.email, SWITCHYARD_ADMIN_PASSWORD: admin.password };
}

export interface Session {
  /** The session cookies, for a browser context (`context.addCookies`). */
  cookies: { name: string; value: string; url: string }[];
  /** The same as a `Cookie` header value, for fetch. */
  header: string;
}

/** Signs in through better-auth's endpoint, as the sign-in page does. */
export async function signIn(url: string, admin: BenchAdmin): Promise<Session> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify(admin),
  });
  if (!response.ok) throw new Error(`bench: sign-in refused (${response.status}): ${(await response.text()).slice(0, 300)}`);
  const pairs = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
  const cookies = pairs.map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url }));
  return { cookies, header: pairs.join('; ') };
}
