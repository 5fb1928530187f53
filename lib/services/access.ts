import 'server-only';
import { roleAllows, ROLE_LABELS, type Role } from '@/lib/access/roles';
import type { ServiceContext } from './context';
import { fail, ok, type Result } from './result';

/**
 * The one role check. Every service that changes something, and every page read that needs more than
 * a signed-in user, passes through here. A user needs the role; an API key acts within its scopes
 * (checked by the API) and may do what a publisher may, never what only an admin may; the system may
 * do anything.
 */
export function requireRole(ctx: Pick<ServiceContext, 'actor'>, needed: Role): Result<void> {
  const { actor } = ctx;
  if (actor.kind === 'system') return ok(undefined);
  if (actor.kind === 'api_key') {
    return needed === 'admin' ? fail({ code: 'forbidden', message: 'Only an admin signed in to the app may do this; an API key may not.' }) : ok(undefined);
  }
  if (roleAllows(actor.role, needed)) return ok(undefined);
  return fail({ code: 'forbidden', message: `Your role (${ROLE_LABELS[actor.role].toLowerCase()}) may not do this: it needs ${article(needed)} ${ROLE_LABELS[needed].toLowerCase()} or above. Nothing was changed.` });
}

const article = (role: Role) => (role === 'editor' || role === 'admin' ? 'an' : 'a');
