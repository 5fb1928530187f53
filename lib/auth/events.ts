import 'server-only';
import type { Db } from '@/db/client';
import { audit } from '@/lib/services/audit';

export interface AuthEvent {
  action: 'sign_in' | 'sign_in_failed' | 'sign_out' | 'create';
  entity?: 'session' | 'user';
  entityId: string;
  actor: string;
  address?: string | null;
  detail?: Record<string, unknown>;
}

/** Sign-ins, failed sign-ins and sign-outs go to the audit trail like every other change. */
export async function recordAuthEvent(db: Db, event: AuthEvent): Promise<void> {
  await audit(db, {
    action: event.action,
    entity: event.entity ?? 'session',
    entityId: event.entityId,
    actor: event.actor,
    detail: { ...event.detail, ...(event.address ? { address: event.address } : {}) },
  });
}
