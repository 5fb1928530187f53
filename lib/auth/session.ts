import 'server-only';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import type { Role } from '@/lib/access/roles';
import { activeUser, countUsers } from '@/lib/services/users';
import { getAuth } from './auth';
import { clientAddress } from '@/lib/http/client-address';

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
