import 'server-only';
import { and, desc, eq, gte, ilike, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEntries } from '@/db/schema';
import { requireRole } from './access';
import type { ServiceContext } from './context';
import { fail, ok, validationError, type Result } from './result';
import { parseInput } from '@/lib/text/hostile';

/** Browsing the trail: who (part of the actor's name), what (action), entity (kind, optional id), when. */
export const AuditQuerySchema = z.strictObject({
  who: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  entity: z.string().trim().max(100).optional(),
  entity_id: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true, local: true }).optional().or(z.iso.date().optional()),
  to: z.iso.datetime({ offset: true, local: true }).optional().or(z.iso.date().optional()),
  /** Entries older than this id (the next page). */
  before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  detail: unknown;
}

export const AUDIT_PAGE_SIZE = 50;

/** Drops empty fields (an empty filter box means no filter) before validating. */
export function parseAuditQuery(input: Record<string, string | undefined>): Result<AuditQuery> {
  const present = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = parseInput(AuditQuerySchema, present);
  return parsed.success ? ok(parsed.data) : fail(validationError(parsed.error));
}

function where(query: AuditQuery): SQL | undefined {
  const conditions: SQL[] = [];
  const escape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (query.who) conditions.push(ilike(auditEntries.actor, `%${escape(query.who)}%`));
  if (query.action) conditions.push(eq(auditEntries.action, query.action));
  if (query.entity) conditions.push(eq(auditEntries.entity, query.entity));
  if (query.entity_id) conditions.push(eq(auditEntries.entityId, query.entity_id));
  if (query.from) conditions.push(gte(auditEntries.at, new Date(query.from)));
  // A plain date as "to" includes that whole day.
  if (query.to) conditions.push(query.to.length === 10 ? lt(auditEntries.at, new Date(Date.parse(query.to) + 86_400_000)) : lte(auditEntries.at, new Date(query.to)));
  if (query.before) conditions.push(lt(auditEntries.id, query.before));
  return conditions.length ? and(...conditions) : undefined;
}

const toEntry = (row: typeof auditEntries.$inferSelect): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actor,
  action: row.action,
  entity: row.entity,
  entity_id: row.entityId,
  detail: row.detail,
});

/** Newest first, a page at a time; admins and publishers only. */
export async function listAuditEntries(ctx: ServiceContext, query: AuditQuery, limit = AUDIT_PAGE_SIZE): Promise<Result<{ entries: AuditEntry[]; next_before: number | null }>> {
  const allowed = requireRole(ctx, 'publisher');
  if (!allowed.ok) return allowed;
  const rows = await ctx.db.select().from(auditEntries).where(where(query)).orderBy(desc(auditEntries.id)).limit(limit + 1);
  const entries = rows.slice(0, limit).map(toEntry);
  return ok({ entries, next_before: rows.length > limit ? entries[entries.length - 1]!.id : null });
}

/** The values the filters offer: every action and entity kind in the trail. */
export async function auditVocabulary(ctx: ServiceContext): Promise<{ actions: string[]; entities: string[] }> {
  const [actions, entities] = await Promise.all([
    ctx.db.selectDistinct({ v: auditEntries.action }).from(auditEntries).orderBy(auditEntries.action),
    ctx.db.selectDistinct({ v: auditEntries.entity }).from(auditEntries).orderBy(auditEntries.entity),
  ]);
  return { actions: actions.map((r) => r.v), entities: entities.map((r) => r.v) };
}

const CSV_HEADER = ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail'];
const CSV_BATCH = 1000;

/** One CSV field: quoted when it holds a quote, comma or line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The matching entries as CSV lines, newest first, read from the database a batch at a time, so an
 * export of any size streams in constant memory.
 */
export function auditCsv(ctx: ServiceContext, query: AuditQuery): Result<AsyncGenerator<string>> {
  const allowed = requireRole(ctx, 'publisher');
  return allowed.ok ? ok(csvLines(ctx, query)) : allowed;
}

async function* csvLines(ctx: ServiceContext, query: AuditQuery): AsyncGenerator<string> {
  yield `${CSV_HEADER.join(',')}\r\n`;
  let before = query.before;
  for (;;) {
    const rows = await ctx.db.select().from(auditEntries).where(where({ ...query, before })).orderBy(desc(auditEntries.id)).limit(CSV_BATCH);
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) {
      const fields = [String(row.id), row.at.toISOString(), row.actor, row.action, row.entity, row.entityId, row.detail === null ? '' : JSON.stringify(row.detail)];
      chunk += `${fields.map(csvField).join(',')}\r\n`;
    }
    yield chunk;
    if (rows.length < CSV_BATCH) return;
    before = rows[rows.length - 1]!.id;
  }
}

/** How many entries a query matches (shown above the table). */
export async function countAuditEntries(ctx: ServiceContext, query: AuditQuery): Promise<number> {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)` }).from(auditEntries).where(where({ ...query, before: undefined }));
  return Number(row?.n ?? 0);
}
