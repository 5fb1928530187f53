import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { filters } from '@/db/schema';
import { catalogFor, type Catalog } from '@/lib/catalog';
import { FilterInputSchema, FilterPatchSchema } from '@/lib/filters/schema';
import { filterRuleIssues } from '@/lib/filters/rules';
import type { Filter } from '@/lib/engine';
import type { Rule } from '@/lib/scheme/schema';
import { inWords } from '@/lib/forms/issue-messages';
import { FILTER_FIELD_WORDS } from '@/lib/filters/field-words';
import { loadCustomAttributes } from './account-context';
import type { ServiceContext } from './context';
import { findReferences } from './references';
import { fail, idTaken, nameTaken, notFound, ok, referencedError, uniqueViolation, validationError, type Result } from './result';
import { write } from './write';
import { parseInput } from '@/lib/text/hostile';
import { anId, checkArguments, isId } from './arguments';

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
  if (!isId(id)) return undefined;
  const [row] = await db.select().from(filters).where(eq(filters.id, id));
  return row && toRecord(row);
}

/** The catalog rules are checked against: built-in attributes plus this account's own. */
export async function accountCatalog(db: Db): Promise<Catalog> {
  return catalogFor(await loadCustomAttributes(db));
}

/** Catalog and reference problems of a filter's rules, as a validation failure (undefined when sound). */
async function ruleProblems(db: Db, id: string, rules: Rule[]): Promise<Result<never> | undefined> {
  const others: Filter[] = (await listFilters(db)).map(({ id, name, match, rules }) => ({ id, name, match, rules }));
  const issues = filterRuleIssues(id, rules, others, await accountCatalog(db));
  return issues.length ? fail({ code: 'validation', message: 'Some rules are not valid.', issues }) : undefined;
}

/** A clash on a unique constraint as the form's problem: the id (primary key) or the name. */
function clash(error: unknown, id: string, name: string | undefined): Result<never> | undefined {
  const constraint = uniqueViolation(error);
  if (constraint === 'filters_pkey') return idTaken('filter', id);
  if (constraint === 'filters_name_unique' && name) return nameTaken('filter', name);
  return undefined;
}

export async function createFilter(ctx: ServiceContext, input: unknown): Promise<Result<FilterRecord>> {
  const parsed = parseInput(FilterInputSchema, input, inWords(FILTER_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const { id = newFilterId(), name, match, rules } = parsed.data;
  try {
    return await write(ctx, 'editor', async (tx, audit) => {
      const problems = await ruleProblems(tx, id, rules);
      if (problems) return problems;
      // No look before inserting: the primary key says whether the id is free, even under a race.
      const [row] = await tx.insert(filters).values({ id, name, match, rules }).returning();
      await audit({ action: 'create', entity: 'filter', entityId: id, detail: parsed.data });
      return ok(toRecord(row!));
    });
  } catch (error) {
    const refused = clash(error, id, name);
    if (refused) return refused;
    throw error;
  }
}

/** Rename, change the match or replace the rules; what is omitted stays. */
export async function updateFilter(ctx: ServiceContext, id: string, input: unknown): Promise<Result<FilterRecord>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  const parsed = parseInput(FilterPatchSchema, input, inWords(FILTER_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const { name, match, rules } = parsed.data;
  try {
    return await write(ctx, 'editor', async (tx, audit) => {
      if (!(await getFilter(tx, id))) return fail(notFound('Filter', id));
      if (rules) {
        const problems = await ruleProblems(tx, id, rules);
        if (problems) return problems;
      }
      const [row] = await tx
        .update(filters)
        .set({ ...(name ? { name } : {}), ...(match ? { match } : {}), ...(rules ? { rules } : {}), updatedAt: new Date() })
        .where(eq(filters.id, id))
        .returning();
      await audit({ action: 'update', entity: 'filter', entityId: id, detail: parsed.data });
      return ok(toRecord(row!));
    });
  } catch (error) {
    const refused = clash(error, id, name);
    if (refused) return refused;
    throw error;
  }
}

/** Refused while another filter, a scheme draft or the active published version uses it, naming them. */
export async function deleteFilter(ctx: ServiceContext, id: string): Promise<Result<{ id: string }>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  return write(ctx, 'editor', async (tx, audit) => {
    const filter = await getFilter(tx, id);
    if (!filter) return fail(notFound('Filter', id));
    const references = await findReferences(tx, 'filters', id);
    if (references.length > 0) return fail(referencedError(`Filter "${filter.name}"`, references));
    await tx.delete(filters).where(eq(filters.id, id));
    await audit({ action: 'delete', entity: 'filter', entityId: id });
    return ok({ id });
  });
}

/** Who uses each filter (for the list page). */
export async function filterUsers(db: Db, id: string) {
  if (!isId(id)) return [];
  return findReferences(db, 'filters', id);
}
