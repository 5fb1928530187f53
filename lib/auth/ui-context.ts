import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { clientAddress } from '@/lib/http/client-address';
import type { ServiceContext } from '@/lib/services/context';
import { signedInUser } from './session';

/**
 * The service context of a server action or page: the signed-in user, through the UI, from the
 * request's address. Without a valid session (none, expired, tampered, a deleted or disabled user)
 * the request goes to /sign-in and comes back after. The role is checked where the change is made.
 */
export async function uiContext(): Promise<ServiceContext> {
  const requestHeaders = await headers();
  const user = await signedInUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnPath(requestHeaders))}`);
  return { db: await getDb(), actor: { kind: 'user', id: user.id, email: user.email, role: user.role }, via: 'ui', address: clientAddress(requestHeaders) };
}

/** Where to come back to after signing in: the page the action was called from. */
function returnPath(requestHeaders: Headers): string {
  const referer = requestHeaders.get('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.pathname.startsWith('/sign-in') ? '/' : url.pathname + url.search;
  } catch {
    return '/';
  }
}
