import 'server-only';
import type { Db } from '@/db/client';
import { auditEntries } from '@/db/schema';
import { announceChange } from './changes';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId: string;
  detail?: unknown;
  actor?: string;
}

/**
 * Append-only trail of who changed what; there are no user accounts yet, so the actor defaults to "ops".
 * Each entry is also announced to listening decide instances (see changes.ts).
 */
export async function audit(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditEntries).values({
    actor: event.actor ?? 'ops',
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    detail: event.detail ?? null,
  });
  await announceChange(db, { entity: event.entity, action: event.action, id: event.entityId });
}
