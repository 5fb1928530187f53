import 'server-only';
import { roleAllows, ROLE_LABELS, type Role } from '@/lib/access/roles';
import type { ServiceContext } from './context';
import { fail, ok, type Result } from './result';

/**
 * The one role check: every write passes through it (lib/services/write.ts), and so do the reads that
 * need more than a signed-in user. A user needs the role. An API key is bounded by its scopes, which
 * the API checks, and only admins make keys; users and keys themselves have no API. The system (seed,
 * command line) may do anything.
 */
export function requireRole(ctx: Pick<ServiceContext, 'actor'>, needed: Role): Result<void> {
  const { actor } = ctx;
  if (actor.kind !== 'user') return ok(undefined);
  if (roleAllows(actor.role, needed)) return ok(undefined);
  return fail({ code: 'forbidden', message: `Your role (${ROLE_LABELS[actor.role].toLowerCase()}) may not do this: it needs ${article(needed)} ${ROLE_LABELS[needed].toLowerCase()} or above. Nothing was changed.` });
}

const article = (role: Role) => (role === 'editor' || role === 'admin' ? 'an' : 'a');
