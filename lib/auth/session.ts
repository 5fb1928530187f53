import 'server-only';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import type { Role } from '@/lib/access/roles';
import { activeUser, countUsers } from '@/lib/services/users';
import { getAuth } from './auth';
import { clientAddress } from '@/lib/http/client-address';
import { isDatabaseUnavailable } from '@/lib/http/database';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The user of a request's session cookie, or null: no cookie, a tampered or expired one, or a session
 * whose user was deleted or disabled since. The role is read from the users table each time, so a
 * role change applies to the next request.
 */
export async function userOfHeaders(requestHeaders: Headers): Promise<SignedInUser | null> {
  const session = await (await getAuth()).api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return activeUser(await getDb(), session.user.id);
}

/** What the page guard (proxy.ts) needs of a request: whether the first user is still to be made, and the session's user. */
export type PageAccess = { setup_needed: boolean; user: SignedInUser | null } | 'unavailable';

/**
 * The page guard's lookup, in the proxy's own process: 'unavailable' when the database cannot be
 * reached (the page then says so itself). Any other failure reads as no session (sign in again), and
 * is logged.
 */
export async function pageAccessOf(requestHeaders: Headers): Promise<PageAccess> {
  try {
    if (await setupNeeded()) return { setup_needed: true, user: null };
    return { setup_needed: false, user: await userOfHeaders(requestHeaders) };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return 'unavailable';
    console.error('page guard: the session could not be read:', error instanceof Error ? error.message : String(error));
    return { setup_needed: false, user: null };
  }
}

/** The signed-in user of the current request (pages, layouts, server actions). */
export async function signedInUser(): Promise<SignedInUser | null> {
  return userOfHeaders(await headers());
}

/** The client's address of the current request, for the audit trail. */
export async function requestAddress(): Promise<string | null> {
  return clientAddress(await headers());
}

const setupDone = globalThis as unknown as { __switchyardHasUsers?: boolean };

/** True until the first user exists (then cached: users are never all removed, the last admin stays). */
export async function setupNeeded(): Promise<boolean> {
  if (setupDone.__switchyardHasUsers) return false;
  await getAuth(); // creates the first admin from the environment, or the demo admin, if it is time
  const none = (await countUsers(await getDb())) === 0;
  if (!none) setupDone.__switchyardHasUsers = true;
  return none;
}

/** Ends the current request's session on the server (and clears its cookie through next/headers). */
export async function endCurrentSession(): Promise<void> {
  await (await getAuth()).api.signOut({ headers: await headers() }).catch(() => null); // no session: nothing to end
}
