import { NextResponse, type NextRequest } from 'next/server';
import { isForeignOrigin, requestTargetProblem } from '@/lib/http/request-target';
import { NEEDED_ROLE_HEADER, pageRole, PUBLIC_PAGES } from '@/lib/access/roles';
import { contentSecurityPolicy, newNonce } from '@/lib/http/content-security-policy';
import { pageAccessOf } from '@/lib/auth/session';
import { requireRole } from '@/lib/services/access';

/**
 * The edge of every request Next.js serves. First the request itself: a path or query that cannot be
 * decoded (or decodes to a NUL) is a 400 here, JSON with a request id under /api; a server action
 * posted from another site is a clear 403 instead of the framework's 500. Then, for operator pages,
 * the sign-in guard: no session → /sign-in?next=…, no user at all → /setup, a role below what the page
 * needs → 403. The guard reads the session in this process (the proxy runs on Node.js, in the server's
 * own process: the database connection and sign-in are the app's one instance, kept on globalThis), and
 * the role check is the service layer's (requireRole). Server actions check their session and role on
 * the server (lib/auth/ui-context.ts, lib/services/write.ts); the API and the sign-in endpoints guard
 * themselves (API keys, better-auth).
 *
 * What it lets through carries the Content-Security-Policy (lib/http/content-security-policy.ts),
 * server actions' answers aside (they are not documents); a page's policy has a nonce of its own, set
 * on the request too, where Next.js reads it to put on the scripts it writes.
 */
export async function proxy(request: NextRequest): Promise<NextResponse | undefined> {
  const refused = edge(request);
  if (refused || request.headers.has('next-action')) return refused;
  if (!isPage(request.nextUrl.pathname)) return withPolicy(NextResponse.next(), contentSecurityPolicy({ dev }));
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, dev });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  return withPolicy((await guardPage(request, headers)) ?? NextResponse.next({ request: { headers } }), policy);
}

const dev = process.env.NODE_ENV === 'development';

function withPolicy(response: NextResponse, policy: string): NextResponse {
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

/**
 * Every request but:
 *  - /api/v1 paths without a percent-escape: API key routes, which need neither a session nor a page's
 *    policy, and a proxied request costs Next.js a copy of its body and a second Web Request (about a
 *    tenth of the process's time for decide through the route handler, docs/decide.md). The route
 *    wrapper (lib/http/route.ts) checks their query and sets their policy; a path with an escape still
 *    comes here, to be refused before Next.js decodes it;
 *  - the two whose bodies stream (a simulation run's upload, /api/v1/simulate/batch): for a request the
 *    proxy runs on, Next.js copies the body into memory until all of it has arrived and cuts it at 10 MB.
 *    Those make the proxy's checks themselves (lib/http/target-refusal.ts, lib/http/outside-proxy.ts).
 * Next.js reads this literal at build time, so it cannot be built from constants.
 */
export const config = {
  matcher: ['/((?!api/v1/[^%]*$|api/v1/simulate/batch$|schemes/[^/]+/simulations/[^/]+$).*)'],
};

/** The request itself: undecodable targets, and server actions posted from another site. */
export function edge(request: NextRequest): NextResponse | undefined {
  const problem = requestTargetProblem(new URL(request.url));
  if (problem) return refuse(request, 400, 'invalid_request', problem.message, [problem.where]);
  if (request.method === 'POST' && request.headers.has('next-action')) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    if (isForeignOrigin(request.headers.get('origin'), host)) {
      return refuse(request, 403, 'forbidden', 'This form was sent from another site; submit it from Switchyard itself.', ['headers', 'Origin']);
    }
  }
  return undefined;
}

/** `headers`: the request's own, with the page's policy and nonce, for the page that renders. */
async function guardPage(request: NextRequest, headers: Headers): Promise<NextResponse | undefined> {
  const { pathname, search } = request.nextUrl;
  const access = await pageAccessOf(request.headers);
  if (access === 'unavailable') return undefined; // the page says the database cannot be reached
  if (access.setup_needed) return pathname === '/setup' ? undefined : redirect(request, '/setup');
  if (pathname === '/setup') return redirect(request, access.user ? '/' : '/sign-in');
  if (PUBLIC_PAGES.includes(pathname)) return undefined;
  if (!access.user) return redirect(request, `/sign-in?next=${encodeURIComponent(pathname + search)}`);
  const needed = pageRole(pathname);
  if (!requireRole({ actor: { kind: 'user', ...access.user } }, needed).ok) {
    // Next.js ignores a rewrite's status for a page: /forbidden calls forbidden(), which answers 403.
    // The header only picks the words of that page (the proxy also sees the rewritten request, so it
    // must not strip it there); a client sending it itself changes nothing but those words.
    headers.set(NEEDED_ROLE_HEADER, needed);
    return NextResponse.rewrite(new URL('/forbidden', request.url), { request: { headers } });
  }
  return undefined;
}

/** Operator pages: not the API (keys), not Next's assets, not files with an extension. */
const isPage = (pathname: string) => !/^\/(api|_next)\//.test(pathname) && !/\.[a-zA-Z0-9]+$/.test(pathname);

function redirect(request: NextRequest, to: string): NextResponse {
  return NextResponse.redirect(new URL(to, request.url));
}

function refuse(request: NextRequest, status: number, type: string, message: string, path: string[]): NextResponse {
  const requestId = `req_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const headers = { 'X-Request-Id': requestId, 'Cache-Control': 'no-store' };
  if (new URL(request.url).pathname.startsWith('/api/') || request.headers.has('next-action')) {
    return NextResponse.json({ error: { type, message, issues: [{ path, message }] } }, { status, headers });
  }
  return new NextResponse(`${message}\n`, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}
