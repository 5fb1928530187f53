import 'server-only';
import { pageRole, roleAllows } from '@/lib/access/roles';
import { userOfHeaders } from '@/lib/auth/session';
import { apiError, type ApiError } from './errors';

/*
 * The sign-in check proxy.ts makes, for the UI routes its matcher leaves out (their bodies stream, and
 * Next.js would otherwise hold a proxied body in memory and cut it at 10 MB). Their request target is
 * checked by lib/http/target-refusal.ts.
 */

/** A UI route's sign-in guard: no valid session → 401, a role below what the path needs → 403. */
export async function signInRefusal(request: Request): Promise<ApiError | undefined> {
  const user = await userOfHeaders(request.headers);
  if (!user) return apiError(401, 'unauthorized', 'Sign in again: your session has ended.');
  const needed = pageRole(new URL(request.url).pathname);
  if (!roleAllows(user.role, needed)) return apiError(403, 'forbidden', `This needs the ${needed} role.`);
  return undefined;
}
