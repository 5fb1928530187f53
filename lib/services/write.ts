import 'server-only';
import type { Db } from '@/db/client';
import { auditEntries } from '@/db/schema';
import { requireRole } from './access';
import { announceChange } from './changes';
import { actorName, type Actor, type Role, type ServiceContext } from './context';
import type { Result } from './result';

/** What a change did, for the audit trail; who did it comes from the service context. */
export interface AuditEvent {
  action: string;
  entity: string;
  entityId: string;
  detail?: unknown;
  /**
   * Nothing any instance holds in memory depends on this change (reported payment outcomes): it is
   * recorded in the trail but not announced on the changes channel.
   */
  quiet?: true;
}

/** Appends an audit entry to the write's transaction; its announcement goes out when the transaction commits. */
export type Audit = (event: AuditEvent) => Promise<void>;

class Refused<T> {
  constructor(readonly outcome: Result<T>) {}
}

/**
 * The one way a service changes data: `work` runs in one transaction (a savepoint when the caller
 * already holds one, as /api/v1 writes do) together with its audit entries, and the change is announced
 * on the changes channel with NOTIFY, which Postgres delivers only at commit. A refused result rolls
 * back whatever `work` wrote; a failing audit insert rolls back the change itself.
 *
 * `requires` names the least role allowed to make this change; this is where the caller's role is
 * checked against it.
 */
export async function write<T>(ctx: ServiceContext, requires: Role, work: (tx: Db, audit: Audit) => Promise<Result<T>>): Promise<Result<T>> {
  const allowed = requireRole(ctx, requires);
  if (!allowed.ok) return allowed;
  try {
    return await ctx.db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      let audited = 0;
      const outcome = await work(tx, async (event) => {
        await appendAudit(tx, ctx, event);
        audited++;
      });
      if (!outcome.ok) throw new Refused(outcome);
      if (audited === 0) throw new Error(`A change that needs the ${requires} role recorded no audit entry.`);
      return outcome;
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome as Result<T>;
    throw error;
  }
}

/** The audit trail is append-only: this insert is the only statement that touches it. */
async function appendAudit(tx: Db, ctx: ServiceContext, event: AuditEvent): Promise<void> {
  await tx.insert(auditEntries).values({
    actor: actorName(ctx.actor),
    actorKind: ctx.actor.kind,
    actorId: actorId(ctx.actor),
    via: ctx.via,
    address: ctx.address ?? null,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    detail: event.detail ?? null,
  });
  if (!event.quiet) await announceChange(tx, { entity: event.entity, action: event.action, id: event.entityId });
}

const actorId = (actor: Actor): string => (actor.kind === 'system' ? actor.name : actor.id);
