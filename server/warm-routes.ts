/**
 * `next dev` compiles each route the first time it is asked for: on a fresh clone the editor took
 * half a minute to open and the first decide seconds. Once the server listens, ask for the main routes
 * one after the other, in the order a newcomer opens them, with the scripts each page loads, so the
 * compiling is done before the click. Development only; SWITCHYARD_WARM_ROUTES=0 turns it off.
 */
import { DEMO_SCHEME_ID } from '@/db/seed';

interface Route {
  path: string;
  method?: 'POST';
}

/**
 * What a first visit opens, in waves, each asked for once the one before has answered. The first page
 * goes alone (compiling the editor beside it made it twice as slow to appear); decide needs no
 * database to load its route (a request without a key answers 401), so it overlaps the embedded
 * database's creation on a first start.
 */
export const WARM_ROUTES: readonly (readonly Route[])[] = [
  [{ path: '/' }, { path: '/api/v1/decide', method: 'POST' }],
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
async function warm(origin: string, route: Route): Promise<void> {
  const response = await fetch(origin + route.path, route.method === 'POST' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' } : {});
  const html = await response.text();
  await Promise.all([...html.matchAll(SCRIPT_SRC)].map(([, src]) => fetch(origin + src!).then((r) => r.arrayBuffer())));
}

export async function warmRoutes(origin: string, log: (line: string) => void = console.log): Promise<void> {
  const started = performance.now();
  try {
    for (const wave of WARM_ROUTES) await Promise.all(wave.map((route) => warm(origin, route)));
  } catch {
    return; // the server is stopping, or not listening where we think: nothing to warm
  }
  log(`✓ Switchyard: main pages compiled in ${((performance.now() - started) / 1000).toFixed(1)} s (first opens are quick now)`);
}
