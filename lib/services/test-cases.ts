import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { testCases } from '@/db/schema';
import type { Plan, ProcessorSet } from '@/lib/engine';
import { ExpectedDecisionSchema, mismatches, type ExpectedDecision, type Mismatch } from '@/lib/scheme/test-case';
import { checkTransaction } from '@/lib/transactions/reader';
import type { ServiceContext } from './context';
import { getScheme } from './schemes';
import { fail, notFound, ok, uniqueViolation, validationError, type Result } from './result';
import { write } from './write';
import { aFlag, anId, checkArguments, isId } from './arguments';
import { parseInput } from '@/lib/text/hostile';

export interface TestCaseRecord {
  id: string;
  scheme_id: string;
  name: string;
  transaction: Record<string, unknown>;
  expected: ExpectedDecision;
  enabled: boolean;
  created_at: string;
}

export const TestCaseInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(200),
  transaction: z.record(z.string(), z.unknown()),
  expected: ExpectedDecisionSchema,
  enabled: z.boolean().optional(),
});

type Row = typeof testCases.$inferSelect;
const toRecord = (row: Row): TestCaseRecord => ({
  id: row.id,
  scheme_id: row.schemeId,
  name: row.name,
  transaction: row.transaction as Record<string, unknown>,
  expected: row.expected as ExpectedDecision,
  enabled: row.enabled,
  created_at: row.createdAt.toISOString(),
});

export async function listTestCases(db: Db, schemeId: string): Promise<TestCaseRecord[]> {
  if (!isId(schemeId)) return [];
  const rows = await db.select().from(testCases).where(eq(testCases.schemeId, schemeId)).orderBy(asc(testCases.createdAt), asc(testCases.id));
  return rows.map(toRecord);
}

export async function createTestCase(ctx: ServiceContext, schemeId: string, input: unknown): Promise<Result<TestCaseRecord>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  const parsed = parseInput(TestCaseInputSchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const transaction = checkTransaction(parsed.data.transaction);
  if (!transaction.ok) return fail({ code: 'validation', message: transaction.issue.message, issues: [transaction.issue] });
  const id = `tc_${randomBytes(8).toString('hex')}`;
  try {
    return await write(ctx, 'editor', async (tx, audit) => {
      if (!(await getScheme(tx, schemeId))) return fail(notFound('Scheme', schemeId));
      const [row] = await tx
        .insert(testCases)
        .values({ id, schemeId, name: parsed.data.name, transaction: transaction.value, expected: parsed.data.expected, enabled: parsed.data.enabled ?? true })
        .returning();
      await audit({ action: 'create', entity: 'test_case', entityId: id, detail: { scheme: schemeId, name: parsed.data.name } });
      return ok(toRecord(row!));
    });
  } catch (error) {
    if (uniqueViolation(error) === 'test_cases_scheme_name') {
      return fail({ code: 'conflict', message: `This scheme already has a test case named "${parsed.data.name}".`, issues: [{ path: ['name'], message: 'Name already in use' }] });
    }
    throw error;
  }
}

export async function deleteTestCase(ctx: ServiceContext, schemeId: string, id: string): Promise<Result<{ id: string }>> {
  const args = checkArguments({ scheme_id: anId(schemeId), test_case_id: anId(id) });
  if (!args.ok) return args;
  return write(ctx, 'editor', async (tx, audit) => {
    const [row] = await tx.delete(testCases).where(and(eq(testCases.schemeId, schemeId), eq(testCases.id, id))).returning();
    if (!row) return fail(notFound('Test case', id));
    await audit({ action: 'delete', entity: 'test_case', entityId: id, detail: { scheme: schemeId } });
    return ok({ id });
  });
}

export interface TestCaseOutcome {
  id: string;
  name: string;
  passed: boolean;
  mismatches: Mismatch[];
}

export interface TestRun {
  run: number;
  passed: number;
  failed: TestCaseOutcome[];
  outcomes: TestCaseOutcome[];
}

/** Runs the enabled cases against a compiled plan, exactly as decide would (no trace). */
export function runTestCases(plan: Plan, processors: ProcessorSet, cases: readonly TestCaseRecord[]): TestRun {
  const outcomes = cases
    .filter((c) => c.enabled)
    .map((c) => {
      const found = mismatches(plan.decide(c.transaction, processors), c.expected);
      return { id: c.id, name: c.name, passed: found.length === 0, mismatches: found };
    });
  const failed = outcomes.filter((o) => !o.passed);
  return { run: outcomes.length, passed: outcomes.length - failed.length, failed, outcomes };
}

/** Replaces a case's name, transaction, expectation (and enabled flag when given). */
export async function updateTestCase(ctx: ServiceContext, schemeId: string, id: string, input: unknown): Promise<Result<TestCaseRecord>> {
  const args = checkArguments({ scheme_id: anId(schemeId), test_case_id: anId(id) });
  if (!args.ok) return args;
  const parsed = parseInput(TestCaseInputSchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const transaction = checkTransaction(parsed.data.transaction);
  if (!transaction.ok) return fail({ code: 'validation', message: transaction.issue.message, issues: [transaction.issue] });
  try {
    return await write(ctx, 'editor', async (tx, audit) => {
      const [row] = await tx
        .update(testCases)
        .set({ name: parsed.data.name, transaction: transaction.value, expected: parsed.data.expected, ...(parsed.data.enabled === undefined ? {} : { enabled: parsed.data.enabled }) })
        .where(and(eq(testCases.schemeId, schemeId), eq(testCases.id, id)))
        .returning();
      if (!row) return fail(notFound('Test case', id));
      await audit({ action: 'update', entity: 'test_case', entityId: id, detail: { scheme: schemeId, name: parsed.data.name } });
      return ok(toRecord(row));
    });
  } catch (error) {
    if (uniqueViolation(error) === 'test_cases_scheme_name') {
      return fail({ code: 'conflict', message: `This scheme already has a test case named "${parsed.data.name}".`, issues: [{ path: ['name'], message: 'Name already in use' }] });
    }
    throw error;
  }
}

export async function setTestCaseEnabled(ctx: ServiceContext, schemeId: string, id: string, enabled: boolean): Promise<Result<TestCaseRecord>> {
  const args = checkArguments({ scheme_id: anId(schemeId), test_case_id: anId(id), enabled: aFlag(enabled) });
  if (!args.ok) return args;
  return write(ctx, 'editor', async (tx, audit) => {
    const [row] = await tx.update(testCases).set({ enabled }).where(and(eq(testCases.schemeId, schemeId), eq(testCases.id, id))).returning();
    if (!row) return fail(notFound('Test case', id));
    await audit({ action: enabled ? 'enable' : 'disable', entity: 'test_case', entityId: id, detail: { scheme: schemeId } });
    return ok(toRecord(row));
  });
}

/** One case per JSON line ({name, transaction, expected, enabled?}); all land or none, every bad line named by number. */
export async function importTestCases(ctx: ServiceContext, schemeId: string, text: string): Promise<Result<{ imported: number }>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  if (typeof text !== 'string') return fail({ code: 'validation', message: 'Send the test cases as text, one JSON object a line.', issues: [{ path: ['text'], message: 'not text' }] });
  const inputs: { line: number; value: unknown }[] = [];
  const issues: { path: (string | number)[]; message: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      inputs.push({ line: i + 1, value: JSON.parse(line) });
    } catch (error) {
      issues.push({ path: ['line', i + 1], message: `not JSON: ${(error as Error).message}` });
    }
  });
  const refused = (found: typeof issues) => fail<{ imported: number }>({ code: 'validation', message: 'Some lines are not test cases; nothing was imported.', issues: found });
  if (issues.length > 0) return refused(issues);
  if (inputs.length > 1000) return fail({ code: 'validation', message: 'At most 1,000 test cases at once.', issues: [] });
  return write(ctx, 'editor', async (tx, audit) => {
    for (const input of inputs) {
      const created = await createTestCase({ ...ctx, db: tx }, schemeId, input.value);
      if (!created.ok) {
        const detail = created.error.code === 'validation' || created.error.code === 'conflict' ? (created.error.issues ?? []) : [];
        return refused([{ path: ['line', input.line], message: [created.error.message, ...detail.map((d) => `${d.path.join('.')}: ${d.message}`)].join(' ') }]);
      }
    }
    await audit({ action: 'import', entity: 'test_case', entityId: schemeId, detail: { scheme: schemeId, count: inputs.length } });
    return ok({ imported: inputs.length });
  });
}
