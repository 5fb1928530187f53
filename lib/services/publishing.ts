import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { schemes, schemeVersions, settings } from '@/db/schema';
import { compile, indexProcessors, type Filter, type Problem, type ProcessorRoute } from '@/lib/engine';
import { diffDocuments, type DocumentDiff } from '@/lib/scheme/diff';
import { diffSnapshots, type ReferenceChange } from '@/lib/scheme/snapshot-diff';
import { describeRule } from '@/lib/catalog/describe';
import { schemeReferences } from '@/lib/scheme/references';
import type { SchemeDocument } from '@/lib/scheme/schema';
import { actorName, type ServiceContext } from './context';
import { loadCompileContext, type CompileContext } from './compile-context';
import { getScheme } from './schemes';
import { ACCOUNT_ID, getSettings } from './settings';
import { listTestCases, runTestCases, type TestRun } from './test-cases';
import { fail, notFound, ok, uniqueViolation, validationError, type FieldIssue, type Result } from './result';
import { write, type Audit } from './write';
import { parseInput } from '@/lib/text/hostile';
import { anId, aVersion, checkArguments } from './arguments';

export const PublishInputSchema = z.strictObject({
  note: z.string().trim().max(2000).optional(),
  activate: z.boolean().optional(),
  /** Publishing with failing test cases needs a reason, recorded with the version. */
  override_reason: z.string().trim().max(2000).optional(),
  /** The draft revision the publisher reviewed; a newer draft refuses the publish. */
  expected_revision: z.number().int().positive().optional(),
});
type PublishInput = z.infer<typeof PublishInputSchema>;

export interface VersionSummary {
  scheme_id: string;
  version: number;
  note: string | null;
  published_by: string | null;
  published_at: string;
  draft_revision: number | null;
  tests_run: number;
  tests_passed: number;
  override_reason: string | null;
  active: boolean;
}

export interface VersionRecord extends VersionSummary {
  document: SchemeDocument;
  /** The filters and processor routes the version compiled with (those it references). */
  filters: Filter[];
  routes: ProcessorRoute[];
}

export interface PublishOutcome {
  version: VersionRecord;
  tests: TestRun;
  activated: boolean;
  warnings: Problem[];
}

export interface VersionDiff {
  scheme_id: string;
  from: VersionSummary;
  to: VersionSummary;
  diff: DocumentDiff;
  /** The filters and processor routes whose published copies differ between the two versions. */
  references: ReferenceChange[];
}

type Row = typeof schemeVersions.$inferSelect;

function toSummary(row: Row, active: { schemeId: string | null; version: number | null }): VersionSummary {
  return {
    scheme_id: row.schemeId,
    version: row.version,
    note: row.note,
    published_by: row.publishedBy,
    published_at: row.publishedAt.toISOString(),
    draft_revision: row.draftRevision,
    tests_run: row.testsRun,
    tests_passed: row.testsPassed,
    override_reason: row.overrideReason,
    active: active.schemeId === row.schemeId && active.version === row.version,
  };
}

const toRecord = (row: Row, active: { schemeId: string | null; version: number | null }): VersionRecord => ({
  ...toSummary(row, active),
  document: row.document as SchemeDocument,
  filters: row.filters,
  routes: row.routes,
});

async function activeVersion(db: Db) {
  const account = await getSettings(db);
  return { schemeId: account.active_scheme_id, version: account.active_version };
}

const compileIssues = (errors: Problem[]): FieldIssue[] =>
  errors.map((e) => ({ path: ['document', ...e.path], message: e.node ? `${e.message} (node ${e.node})` : e.message }));

export interface PublishPreview {
  revision: number;
  errors: Problem[];
  warnings: Problem[];
  /** The saved test cases run against the draft; null when the draft does not compile. */
  tests: TestRun | null;
}

/** What a publish of the draft would meet now: compile errors and warnings, and the saved test cases' results. */
export async function previewPublish(db: Db, schemeId: string): Promise<Result<PublishPreview>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  const scheme = await getScheme(db, schemeId);
  if (!scheme) return fail(notFound('Scheme', schemeId));
  const context = await loadCompileContext(db);
  const compiled = compile(scheme.document, context);
  if (!compiled.ok) return ok({ revision: scheme.revision, errors: compiled.errors, warnings: compiled.warnings, tests: null });
  const tests = runTestCases(compiled.plan, indexProcessors(context.registry.processors), await listTestCases(db, schemeId));
  return ok({ revision: scheme.revision, errors: [], warnings: compiled.warnings, tests });
}

/**
 * Publish the scheme's draft: it must compile without errors, and its saved test cases must pass
 * unless an override reason is given (and recorded). The version number is taken under a row lock on
 * the scheme, so two publishes at the same moment get N and N+1; the primary key forbids duplicates.
 */
export async function publishScheme(ctx: ServiceContext, schemeId: string, input: unknown): Promise<Result<PublishOutcome>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  const parsed = parseInput(PublishInputSchema, input === undefined ? {} : input);
  if (!parsed.success) return fail(validationError(parsed.error));
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(ctx, 'publisher', (tx, audit) => publishDraft(tx, audit, actorName(ctx.actor), schemeId, parsed.data));
    } catch (error) {
      // The lock makes this unreachable in practice; the primary key is the guarantee, retrying is the courtesy.
      if (uniqueViolation(error) === 'scheme_versions_scheme_id_version_pk' && attempt < 5) continue;
      throw error;
    }
  }
}

async function publishDraft(tx: Db, audit: Audit, publisher: string, schemeId: string, input: PublishInput): Promise<Result<PublishOutcome>> {
  const { note, activate = false, override_reason, expected_revision } = input;
  await tx.select({ id: schemes.id }).from(schemes).where(eq(schemes.id, schemeId)).for('update');
  const scheme = await getScheme(tx, schemeId);
  if (!scheme) return fail(notFound('Scheme', schemeId));
  if (expected_revision !== undefined && expected_revision !== scheme.revision) {
    return fail({
      code: 'conflict',
      message: `The draft changed since you reviewed it (revision ${scheme.revision}, you reviewed ${expected_revision}). Review it again before publishing.`,
    });
  }
  const context = await loadCompileContext(tx);
  const compiled = compile(scheme.document, context);
  if (!compiled.ok) {
    return fail({ code: 'conflict', message: `The draft does not compile (${compiled.errors.length} errors); nothing was published.`, issues: compileIssues(compiled.errors) });
  }
  const tests = runTestCases(compiled.plan, indexProcessors(context.registry.processors), await listTestCases(tx, schemeId));
  const override = override_reason || null;
  if (tests.failed.length > 0 && !override) {
    return fail({
      code: 'conflict',
      message: `${tests.failed.length} of ${tests.run} saved test cases fail; fix them, or publish with an override reason.`,
      issues: tests.failed.map((t) => ({
        path: ['test_cases', t.name],
        message: t.mismatches.map((m) => `${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`).join('; '),
      })),
    });
  }
  const snapshot = registrySnapshot(scheme.document, context);
  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${schemeVersions.version}), 0) + 1` })
    .from(schemeVersions)
    .where(eq(schemeVersions.schemeId, schemeId))) as [{ next: number }];
  const [row] = await tx
    .insert(schemeVersions)
    .values({
      schemeId,
      version: Number(next),
      document: scheme.document,
      filters: snapshot.filters,
      routes: snapshot.routes,
      note: note || null,
      publishedBy: publisher,
      draftRevision: scheme.revision,
      testsRun: tests.run,
      testsPassed: tests.passed,
      overrideReason: tests.failed.length > 0 ? override : null,
    })
    .returning();
  if (activate) {
    await getSettings(tx); // the account row exists before it is updated
    await tx.update(settings).set({ activeSchemeId: schemeId, activeVersion: row!.version, updatedAt: new Date() }).where(eq(settings.id, ACCOUNT_ID));
  }
  await audit({
    action: activate ? 'publish_and_activate' : 'publish',
    entity: 'scheme_version',
    entityId: `${schemeId}@${row!.version}`,
    detail: { note: note || null, tests: { run: tests.run, passed: tests.passed }, override_reason: tests.failed.length > 0 ? override : null },
  });
  const active = activate ? { schemeId, version: row!.version } : await activeVersion(tx);
  return ok({ version: toRecord(row!, active), tests, activated: activate, warnings: compiled.warnings });
}

/** The filters and routes a document references, as the registry held them at publish time. */
function registrySnapshot(document: SchemeDocument, context: CompileContext): { filters: Filter[]; routes: ProcessorRoute[] } {
  const refs = schemeReferences(document);
  return {
    filters: context.registry.filters.filter((f) => refs.filters.has(f.id)),
    routes: context.registry.routes.filter((r) => refs.routes.has(r.id)),
  };
}

export async function listVersions(db: Db, schemeId: string): Promise<Result<VersionSummary[]>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  if (!(await getScheme(db, schemeId))) return fail(notFound('Scheme', schemeId));
  const [rows, active] = await Promise.all([
    db.select().from(schemeVersions).where(eq(schemeVersions.schemeId, schemeId)).orderBy(desc(schemeVersions.version)),
    activeVersion(db),
  ]);
  return ok(rows.map((row) => toSummary(row, active)));
}

export async function getVersion(db: Db, schemeId: string, version: number): Promise<Result<VersionRecord>> {
  const args = checkArguments({ scheme_id: anId(schemeId), version: aVersion(version) });
  if (!args.ok) return args;
  const [row] = await db
    .select()
    .from(schemeVersions)
    .where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.version, version)));
  if (!row) return fail(notFound(`Version ${version} of scheme`, schemeId));
  return ok(toRecord(row, await activeVersion(db)));
}

export async function diffVersions(db: Db, schemeId: string, from: number, to: number): Promise<Result<VersionDiff>> {
  const args = checkArguments({ scheme_id: anId(schemeId), from: aVersion(from), to: aVersion(to) });
  if (!args.ok) return args;
  const [a, b] = await Promise.all([getVersion(db, schemeId, from), getVersion(db, schemeId, to)]);
  if (!a.ok) return a;
  if (!b.ok) return b;
  const { document: before, filters: _f1, routes: _r1, ...fromSummary } = a.value;
  const { document: after, filters: _f2, routes: _r2, ...toSummaryOnly } = b.value;
  const { catalog } = await loadCompileContext(db);
  const describe = (rule: Parameters<typeof describeRule>[0]) => describeRule(rule, { catalog, filters: b.value.filters });
  const references = diffSnapshots(a.value, b.value, describe);
  return ok({ scheme_id: schemeId, from: fromSummary, to: toSummaryOnly, diff: diffDocuments(before, after), references });
}

/**
 * Make a published version the one `decide` uses; activating an older version is the rollback. The
 * version is compiled against today's registry first: a processor or route it names may be gone.
 */
export async function activateVersion(ctx: ServiceContext, schemeId: string, version: number): Promise<Result<VersionSummary>> {
  const args = checkArguments({ scheme_id: anId(schemeId), version: aVersion(version) });
  if (!args.ok) return args;
  return write(ctx, 'publisher', async (tx, audit) => {
    const found = await getVersion(tx, schemeId, version);
    if (!found.ok) return found;
    const compiled = compile(found.value.document, await loadCompileContext(tx));
    if (!compiled.ok) {
      return fail({ code: 'conflict', message: `Version ${version} no longer compiles against the registry; it was not activated.`, issues: compileIssues(compiled.errors) });
    }
    const previous = await activeVersion(tx);
    await tx.update(settings).set({ activeSchemeId: schemeId, activeVersion: version, updatedAt: new Date() }).where(eq(settings.id, ACCOUNT_ID));
    await audit({ action: 'activate', entity: 'scheme_version', entityId: `${schemeId}@${version}`, detail: { previous } });
    const { document: _d, filters: _f, routes: _r, ...summary } = found.value;
    return ok({ ...summary, active: true });
  });
}

/** No scheme active: the account's routing mode decides again. */
export async function deactivateScheme(ctx: ServiceContext): Promise<Result<{ previous: { scheme_id: string | null; version: number | null } }>> {
  return write(ctx, 'publisher', async (tx, audit) => {
    const previous = await activeVersion(tx);
    await tx.update(settings).set({ activeSchemeId: null, activeVersion: null, updatedAt: new Date() }).where(eq(settings.id, ACCOUNT_ID));
    await audit({ action: 'deactivate', entity: 'settings', entityId: ACCOUNT_ID, detail: { previous } });
    return ok({ previous: { scheme_id: previous.schemeId, version: previous.version } });
  });
}
