import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { processors } from '@/db/schema';
import { toColumns } from '@/db/processor-columns';
import type { Processor, ProcessorStatus } from '@/lib/processors/schema';
import { PROCESSOR_STATUSES } from '@/lib/processors/schema';
import { ProcessorRegistrationSchema, ProcessorUpdateSchema } from '@/lib/processors/registration';
import { inWords } from '@/lib/forms/issue-messages';
import { PROCESSOR_FIELD_WORDS } from '@/lib/processors/field-words';
import { audit } from './audit';
import { findReferences } from './references';
import { getSettings } from './settings';
import { statusChangeEffects } from '@/lib/processors/status-effects';
import { fail, isUniqueViolation, notFound, ok, referencedError, validationError, type Result } from './result';

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
    fees: { percent: row.feePercent, fixed: row.feeFixed },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listProcessors(db: Db): Promise<ProcessorRecord[]> {
  const rows = await db.select().from(processors).orderBy(asc(processors.createdAt), asc(processors.id));
  return rows.map(toProcessor);
}

export async function getProcessor(db: Db, id: string): Promise<ProcessorRecord | undefined> {
  const [row] = await db.select().from(processors).where(eq(processors.id, id));
  return row && toProcessor(row);
}

const nameTaken = (name: string) =>
  fail({ code: 'conflict', message: `A processor named "${name}" already exists.`, issues: [{ path: ['name'], message: 'Name already in use' }] });

export async function createProcessor(db: Db, input: unknown): Promise<Result<ProcessorRecord>> {
  const parsed = ProcessorRegistrationSchema.safeParse(input, inWords(PROCESSOR_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const p = parsed.data;
  if (await getProcessor(db, p.id)) {
    return fail({ code: 'conflict', message: `A processor with id ${p.id} already exists.`, issues: [{ path: ['id'], message: 'Id already in use' }] });
  }
  try {
    const [row] = await db.insert(processors).values({ id: p.id, ...toColumns(p) }).returning();
    await audit(db, { action: 'create', entity: 'processor', entityId: p.id, detail: p });
    return ok(toProcessor(row!));
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(p.name);
    throw error;
  }
}

export async function updateProcessor(db: Db, id: string, input: unknown): Promise<Result<ProcessorRecord>> {
  const parsed = ProcessorUpdateSchema.safeParse(input, inWords(PROCESSOR_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  try {
    const [row] = await db
      .update(processors)
      .set({ ...toColumns(parsed.data), updatedAt: new Date() })
      .where(eq(processors.id, id))
      .returning();
    if (!row) return fail(notFound('Processor', id));
    await audit(db, { action: 'update', entity: 'processor', entityId: id, detail: parsed.data });
    return ok(toProcessor(row));
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(parsed.data.name);
    throw error;
  }
}

export async function setProcessorStatus(db: Db, id: string, status: string): Promise<Result<ProcessorRecord>> {
  if (!(PROCESSOR_STATUSES as readonly string[]).includes(status)) {
    return fail({ code: 'validation', message: 'Unknown status.', issues: [{ path: ['status'], message: `must be one of ${PROCESSOR_STATUSES.join(', ')}` }] });
  }
  const [row] = await db
    .update(processors)
    .set({ status: status as ProcessorStatus, updatedAt: new Date() })
    .where(eq(processors.id, id))
    .returning();
  if (!row) return fail(notFound('Processor', id));
  await audit(db, { action: 'set_status', entity: 'processor', entityId: id, detail: { status } });
  return ok(toProcessor(row));
}

export async function deleteProcessor(db: Db, id: string): Promise<Result<{ id: string }>> {
  const existing = await getProcessor(db, id);
  if (!existing) return fail(notFound('Processor', id));
  const references = await findReferences(db, 'processors', id);
  if (references.length > 0) return fail(referencedError(`Processor "${existing.name}"`, references));
  await db.delete(processors).where(eq(processors.id, id));
  await audit(db, { action: 'delete', entity: 'processor', entityId: id });
  return ok({ id });
}

/** What setting each status would change for payments, per processor (for warnings before and after a change). */
export async function statusEffects(db: Db, processor: ProcessorRecord): Promise<Record<ProcessorStatus, string[]>> {
  const [uses, settings] = await Promise.all([findReferences(db, 'processors', processor.id), getSettings(db)]);
  const effectsOf = (status: ProcessorStatus) => statusChangeEffects({ name: processor.name, status, uses, routingMode: settings.routing_mode });
  return { active: effectsOf('active'), down: effectsOf('down'), disabled: effectsOf('disabled') };
}
