import 'server-only';
import type { Db } from '@/db/client';
import type { ServiceContext } from '@/lib/services/context';
import { ok } from '@/lib/services/result';
import { write } from '@/lib/services/write';

export interface AuthEvent {
  action: 'sign_in' | 'sign_in_failed' | 'sign_out' | 'create';
  entity?: 'session' | 'user';
  entityId: string;
  /** The user it concerns, when known; a failed sign-in is the sign-in's own (system) entry. */
  user: { id: string; email: string } | null;
  address?: string | null;
  detail?: Record<string, unknown>;
}

/** Sign-ins, failed sign-ins and sign-outs go to the audit trail like every other change. */
export async function recordAuthEvent(db: Db, event: AuthEvent): Promise<void> {
  const ctx: ServiceContext = {
    db,
    // The role is not what is being checked here (anyone may sign in or out); viewer is the least.
    actor: event.user ? { kind: 'user', id: event.user.id, email: event.user.email, role: 'viewer' } : { kind: 'system', name: 'sign-in' },
    via: 'ui',
    address: event.address ?? null,
  };
  await write(ctx, 'viewer', async (_tx, audit) => {
    await audit({ action: event.action, entity: event.entity ?? 'session', entityId: event.entityId, detail: event.detail ?? null });
    return ok(undefined);
  });
}
