import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { processors } from '@/db/schema';
import { toColumns } from '@/db/processor-columns';
import type { Processor, ProcessorStatus } from '@/lib/processors/schema';
import { PROCESSOR_STATUSES } from '@/lib/processors/schema';
import { ProcessorRegistrationSchema, ProcessorUpdateSchema } from '@/lib/processors/registration';
import { inWords } from '@/lib/forms/issue-messages';
import { PROCESSOR_FIELD_WORDS } from '@/lib/processors/field-words';
import { actorName, type ServiceContext } from './context';
import { cancelDrainOnHandChange } from './drains';
import { findReferences } from './references';
import { getSettings } from './settings';
import { statusChangeEffects } from '@/lib/processors/status-effects';
import { fail, idTaken, nameTaken, notFound, ok, referencedError, uniqueViolation, validationError, type Result } from './result';
import { write } from './write';
import { parseInput } from '@/lib/text/hostile';
import { anId, checkArguments, isId } from './arguments';

type Row = typeof processors.$inferSelect;

/** A registered processor: the engine's shape plus bookkeeping. */
export type ProcessorRecord = Processor & { name: string; provider: string; updated_at: string };

export function toProcessor(row: Row): ProcessorRecord {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    status: row.status,
    currencies: row.currencies,
    payment_methods: row.paymentMethods,
    countries: row.countries,
    approval_rate: row.approvalRate,
    ...(row.failureMix ? { failure_mix: row.failureMix } : {}),
    fees: {
      percent: row.feePercent,
      fixed: row.feeFixed,
      ...(row.feeFixedByCurrency && Object.keys(row.feeFixedByCurrency).length > 0 ? { fixed_by_currency: row.feeFixedByCurrency } : {}),
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listProcessors(db: Db): Promise<ProcessorRecord[]> {
  const rows = await db.select().from(processors).orderBy(asc(processors.createdAt), asc(processors.id));
  return rows.map(toProcessor);
}

export async function getProcessor(db: Db, id: string): Promise<ProcessorRecord | undefined> {
  if (!isId(id)) return undefined;
  const [row] = await db.select().from(processors).where(eq(processors.id, id));
  return row && toProcessor(row);
}

/** A clash on a unique constraint as the form's problem: the id (primary key) or the name. */
function clash(error: unknown, id: string, name: string): Result<never> | undefined {
  const constraint = uniqueViolation(error);
  if (constraint === 'processors_pkey') return idTaken('processor', id);
  if (constraint === 'processors_name_unique') return nameTaken('processor', name);
  return undefined;
}

export async function createProcessor(ctx: ServiceContext, input: unknown): Promise<Result<ProcessorRecord>> {
  const parsed = parseInput(ProcessorRegistrationSchema, input, inWords(PROCESSOR_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const p = parsed.data;
  try {
    // No look before inserting: the primary key says whether the id is free, even under a race.
    return await write(ctx, 'editor', async (tx, audit) => {
      const [row] = await tx.insert(processors).values({ id: p.id, ...toColumns(p) }).returning();
      await audit({ action: 'create', entity: 'processor', entityId: p.id, detail: p });
      return ok(toProcessor(row!));
    });
  } catch (error) {
    const refused = clash(error, p.id, p.name);
    if (refused) return refused;
    throw error;
  }
}

export async function updateProcessor(ctx: ServiceContext, id: string, input: unknown): Promise<Result<ProcessorRecord>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  const parsed = parseInput(ProcessorUpdateSchema, input, inWords(PROCESSOR_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  try {
    return await write(ctx, 'editor', async (tx, audit) => {
      await cancelDrainOnHandChange(tx, audit, id, parsed.data.status, actorName(ctx.actor));
      const [row] = await tx
        .update(processors)
        .set({ ...toColumns(parsed.data), updatedAt: new Date() })
        .where(eq(processors.id, id))
        .returning();
      if (!row) return fail(notFound('Processor', id));
      await audit({ action: 'update', entity: 'processor', entityId: id, detail: parsed.data });
      return ok(toProcessor(row));
    });
  } catch (error) {
    const refused = clash(error, id, parsed.data.name);
    if (refused) return refused;
    throw error;
  }
}

export async function setProcessorStatus(ctx: ServiceContext, id: string, status: string): Promise<Result<ProcessorRecord>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  if (!(PROCESSOR_STATUSES as readonly string[]).includes(status)) {
    return fail({ code: 'validation', message: 'Unknown status.', issues: [{ path: ['status'], message: `must be one of ${PROCESSOR_STATUSES.join(', ')}` }] });
  }
  return write(ctx, 'editor', async (tx, audit) => {
    await cancelDrainOnHandChange(tx, audit, id, status, actorName(ctx.actor));
    const [row] = await tx
      .update(processors)
      .set({ status: status as ProcessorStatus, updatedAt: new Date() })
      .where(eq(processors.id, id))
      .returning();
    if (!row) return fail(notFound('Processor', id));
    await audit({ action: 'set_status', entity: 'processor', entityId: id, detail: { status } });
    return ok(toProcessor(row));
  });
}

export async function deleteProcessor(ctx: ServiceContext, id: string): Promise<Result<{ id: string }>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  return write(ctx, 'editor', async (tx, audit) => {
    const existing = await getProcessor(tx, id);
    if (!existing) return fail(notFound('Processor', id));
    const references = await findReferences(tx, 'processors', id);
    if (references.length > 0) return fail(referencedError(`Processor "${existing.name}"`, references));
    await tx.delete(processors).where(eq(processors.id, id));
    await audit({ action: 'delete', entity: 'processor', entityId: id });
    return ok({ id });
  });
}

/** What setting each status would change for payments, per processor (for warnings before and after a change). */
export async function statusEffects(db: Db, processor: ProcessorRecord): Promise<Record<ProcessorStatus, string[]>> {
  const [uses, settings] = await Promise.all([findReferences(db, 'processors', processor.id), getSettings(db)]);
  const effectsOf = (status: ProcessorStatus) => statusChangeEffects({ name: processor.name, status, uses, routingMode: settings.routing_mode });
  return { active: effectsOf('active'), down: effectsOf('down'), disabled: effectsOf('disabled') };
}
