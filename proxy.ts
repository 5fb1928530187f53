import { NextResponse, type NextRequest } from 'next/server';
import { pageRole, PUBLIC_PAGES, roleAllows, isRole } from '@/lib/access/roles';

/**
 * The guard for every operator page: no session → /sign-in?next=…, no user at all → /setup, a role
 * below what the page needs → 403. Server actions are let through: each checks its session and role
 * on the server (lib/auth/ui-context.ts) and refuses with a clear message. The API and the sign-in
 * endpoints guard themselves (API keys, better-auth).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (request.headers.has('next-action')) return NextResponse.next();
  const access = await lookUp(request);
  if (access === 'unavailable') return NextResponse.next(); // the page says the database cannot be reached
  const isPublic = PUBLIC_PAGES.includes(pathname);
  if (access.setup_needed) return pathname === '/setup' ? NextResponse.next() : redirect(request, '/setup');
  if (pathname === '/setup') return redirect(request, access.user ? '/' : '/sign-in');
  if (isPublic) return NextResponse.next();
  if (!access.user) return redirect(request, `/sign-in?next=${encodeURIComponent(pathname + search)}`);
  const needed = pageRole(pathname);
  if (!isRole(access.user.role) || !roleAllows(access.user.role, needed)) {
    const url = new URL('/forbidden', request.url);
    url.searchParams.set('needs', needed);
    return NextResponse.rewrite(url, { status: 403 });
  }
  return NextResponse.next();
}

type Access = { setup_needed: boolean; user: { id: string; role: string } | null } | 'unavailable';

async function lookUp(request: NextRequest): Promise<Access> {
  try {
    const response = await fetch(new URL('/api/access', request.nextUrl.origin), {
      headers: { cookie: request.headers.get('cookie') ?? '', 'x-forwarded-for': request.headers.get('x-forwarded-for') ?? '' },
      cache: 'no-store',
    });
    if (response.status === 503) return 'unavailable';
    if (!response.ok) return { setup_needed: false, user: null };
    return (await response.json()) as Access;
  } catch {
    return { setup_needed: false, user: null };
  }
}

function redirect(request: NextRequest, to: string): NextResponse {
  return NextResponse.redirect(new URL(to, request.url));
}

export const config = {
  // Pages only: not the API (keys), not Next's assets, not files with an extension.
  matcher: ['/((?!api/|_next/|.*\\.[a-zA-Z0-9]+$).*)'],
};
