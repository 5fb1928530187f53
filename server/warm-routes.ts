/**
 * `next dev` compiles each route the first time it is asked for: on a fresh clone the editor took
 * half a minute to open and the first decide seconds. Once the server listens, ask for the main routes
 * one after the other, in the order a newcomer opens them, with the scripts each page loads, so the
 * compiling is done before the click. Development only; SWITCHYARD_WARM_ROUTES=0 turns it off.
 *
 * Operator pages need a session, so after the public ones the warm-up signs in — through the same
 * sign-in endpoint as a browser, with credentials this process knows (the demo admin it just created,
 * or SWITCHYARD_ADMIN_EMAIL / _PASSWORD) — and signs out when done. Without credentials it stops after
 * the public routes.
 */
import { DEMO_SCHEME_ID } from '@/db/seed';

interface Route {
  path: string;
  method?: 'POST';
}

export interface Credentials {
  email: string;
  password: string;
}

/**
 * What a first visit opens, in waves, each asked for once the one before has answered. Public first:
 * the sign-in page, and decide, which needs no database to load its route (a request without a key
 * answers 401), so both compile while the embedded database is created on a first start.
 */
export const PUBLIC_WARM_ROUTES: readonly (readonly Route[])[] = [[{ path: '/sign-in' }, { path: '/api/v1/decide', method: 'POST' }]];

/** Then, signed in, the pages in the order a newcomer opens them. */
export const SIGNED_IN_WARM_ROUTES: readonly (readonly Route[])[] = [
  [{ path: '/' }],
  [{ path: `/schemes/${DEMO_SCHEME_ID}` }],
  [{ path: '/schemes' }],
  [{ path: '/processors' }],
  [{ path: `/schemes/${DEMO_SCHEME_ID}/versions` }],
  [{ path: '/settings/api-keys' }],
  [{ path: '/api-docs' }],
  [{ path: '/routes' }],
  [{ path: '/filters' }],
  [{ path: '/settings' }],
];

const SCRIPT_SRC = /<script[^>]+src="(\/_next\/[^"]+)"/g;

/** A page and the client scripts it loads (compiled when first asked for, too). */
async function warm(origin: string, route: Route, cookie: string): Promise<void> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const init = route.method === 'POST' ? { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' } : { headers };
  const response = await fetch(origin + route.path, init);
  const html = await response.text();
  await Promise.all([...html.matchAll(SCRIPT_SRC)].map(([, src]) => fetch(origin + src!).then((r) => r.arrayBuffer())));
}

async function warmWaves(origin: string, waves: readonly (readonly Route[])[], cookie = ''): Promise<void> {
  for (const wave of waves) await Promise.all(wave.map((route) => warm(origin, route, cookie)));
}

/** The session cookie(s) of a sign-in through the app's own endpoint, or null when refused. */
async function signIn(origin: string, credentials: Credentials): Promise<string | null> {
  const response = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(credentials),
  });
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return response.ok && cookies.length > 0 ? cookies.join('; ') : null;
}

async function signOut(origin: string, cookie: string): Promise<void> {
  const response = await fetch(`${origin}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: '{}' });
  await response.arrayBuffer();
}

export async function warmRoutes(
  origin: string,
  credentials: () => Promise<Credentials | null>,
  log: (line: string) => void = console.log,
): Promise<void> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  try {
    await warmWaves(origin, PUBLIC_WARM_ROUTES);
    const known = await credentials().catch(() => null);
    const cookie = known && (await signIn(origin, known));
    if (!cookie) {
      log(`✓ Switchyard: sign-in page and decide compiled in ${seconds()} s (other pages compile when first opened)`);
      return;
    }
    try {
      await warmWaves(origin, SIGNED_IN_WARM_ROUTES, cookie);
    } finally {
      await signOut(origin, cookie);
    }
  } catch {
    return; // the server is stopping, or not listening where we think: nothing to warm
  }
  log(`✓ Switchyard: main pages compiled in ${seconds()} s (first opens are quick now)`);
}
