import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { customAttributes, filters } from '@/db/schema';
import { builtinCatalog, createCatalog, type AttributeType, type Catalog } from '@/lib/catalog';
import { FilterInputSchema, FilterPatchSchema } from '@/lib/filters/schema';
import { filterRuleIssues } from '@/lib/filters/rules';
import type { Filter } from '@/lib/engine';
import type { Rule } from '@/lib/scheme/schema';
import { inWords } from '@/lib/forms/issue-messages';
import { FILTER_FIELD_WORDS } from '@/lib/filters/field-words';
import { audit } from './audit';
import { findReferences } from './references';
import { fail, isUniqueViolation, notFound, ok, referencedError, validationError, type Result } from './result';
import { parseInput } from '@/lib/text/hostile';

/** A shared filter: a named group of rules that scheme conditions use with {"filter": id}. */
export interface FilterRecord {
  id: string;
  name: string;
  match: 'all' | 'any';
  rules: Rule[];
  created_at: string;
  updated_at: string;
}

type Row = typeof filters.$inferSelect;
const toRecord = (row: Row): FilterRecord => ({
  id: row.id,
  name: row.name,
  match: row.match,
  rules: row.rules,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

export const newFilterId = () => `flt_${randomBytes(8).toString('hex')}`;

export async function listFilters(db: Db): Promise<FilterRecord[]> {
  const rows = await db.select().from(filters).orderBy(asc(filters.createdAt), asc(filters.id));
  return rows.map(toRecord);
}

export async function getFilter(db: Db, id: string): Promise<FilterRecord | undefined> {
  const [row] = await db.select().from(filters).where(eq(filters.id, id));
  return row && toRecord(row);
}

/** The catalog rules are checked against: built-in attributes plus this account's own. */
export async function accountCatalog(db: Db): Promise<Catalog> {
  const rows = await db.select().from(customAttributes);
  if (rows.length === 0) return builtinCatalog();
  return createCatalog(
    rows.map((a) => ({
      name: a.name,
      type: a.type as AttributeType,
      ...(a.label ? { label: a.label } : {}),
      ...(a.description ? { description: a.description } : {}),
      ...(a.domain ? { domain: a.domain } : {}),
    })),
  );
}

/** Catalog and reference problems of a filter's rules, as a validation failure (undefined when sound). */
async function ruleProblems(db: Db, id: string, rules: Rule[]): Promise<Result<never> | undefined> {
  const others: Filter[] = (await listFilters(db)).map(({ id, name, match, rules }) => ({ id, name, match, rules }));
  const issues = filterRuleIssues(id, rules, others, await accountCatalog(db));
  return issues.length ? fail({ code: 'validation', message: 'Some rules are not valid.', issues }) : undefined;
}

const nameTaken = (name: string) =>
  fail({ code: 'conflict', message: `A filter named "${name}" already exists.`, issues: [{ path: ['name'], message: 'Name already in use' }] });

export async function createFilter(db: Db, input: unknown): Promise<Result<FilterRecord>> {
  const parsed = parseInput(FilterInputSchema, input, inWords(FILTER_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const { id = newFilterId(), name, match, rules } = parsed.data;
  if (await getFilter(db, id)) {
    return fail({ code: 'conflict', message: `A filter with id ${id} already exists.`, issues: [{ path: ['id'], message: 'Id already in use' }] });
  }
  const problems = await ruleProblems(db, id, rules);
  if (problems) return problems;
  try {
    const [row] = await db.insert(filters).values({ id, name, match, rules }).returning();
    await audit(db, { action: 'create', entity: 'filter', entityId: id, detail: parsed.data });
    return ok(toRecord(row!));
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(name);
    throw error;
  }
}

/** Rename, change the match or replace the rules; what is omitted stays. */
export async function updateFilter(db: Db, id: string, input: unknown): Promise<Result<FilterRecord>> {
  const parsed = parseInput(FilterPatchSchema, input, inWords(FILTER_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  if (!(await getFilter(db, id))) return fail(notFound('Filter', id));
  const { name, match, rules } = parsed.data;
  if (rules) {
    const problems = await ruleProblems(db, id, rules);
    if (problems) return problems;
  }
  try {
    const [row] = await db
      .update(filters)
      .set({ ...(name ? { name } : {}), ...(match ? { match } : {}), ...(rules ? { rules } : {}), updatedAt: new Date() })
      .where(eq(filters.id, id))
      .returning();
    await audit(db, { action: 'update', entity: 'filter', entityId: id, detail: parsed.data });
    return ok(toRecord(row!));
  } catch (error) {
    if (isUniqueViolation(error) && name) return nameTaken(name);
    throw error;
  }
}

/** Refused while another filter, a scheme draft or the active published version uses it, naming them. */
export async function deleteFilter(db: Db, id: string): Promise<Result<{ id: string }>> {
  const filter = await getFilter(db, id);
  if (!filter) return fail(notFound('Filter', id));
  const references = await findReferences(db, 'filters', id);
  if (references.length > 0) return fail(referencedError(`Filter "${filter.name}"`, references));
  await db.delete(filters).where(eq(filters.id, id));
  await audit(db, { action: 'delete', entity: 'filter', entityId: id });
  return ok({ id });
}

/** Who uses each filter (for the list page). */
export async function filterUsers(db: Db, id: string) {
  return findReferences(db, 'filters', id);
}
