import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { schemes, schemeVersions, settings } from '@/db/schema';
import { SCHEME_FORMAT, SchemeDocumentSchema, type SchemeDocument } from '@/lib/scheme/schema';
import type { ServiceContext } from './context';
import { fail, nameTaken, notFound, ok, referencedError, uniqueViolation, validationError, type Result } from './result';
import { write, type Audit } from './write';
import { parseInput } from '@/lib/text/hostile';
import { anId, aRevision, checkArguments, isId } from './arguments';

export interface SchemeRecord {
  id: string;
  name: string;
  document: SchemeDocument;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface SchemeSummary extends Omit<SchemeRecord, 'document'> {
  node_count: number;
  latest_version: number | null;
  active_version: number | null;
}

const SchemeNameSchema = z.string().trim().min(1, 'Name is required').max(200);
export const CreateSchemeSchema = z.strictObject({ name: SchemeNameSchema, document: z.unknown().optional() });

export const newSchemeId = () => `sch_${randomBytes(8).toString('hex')}`;

/** A new scheme starts as one blank strategy: valid, and refuses everything until someone draws it. */
export function starterDocument(name: string): SchemeDocument {
  return {
    format: SCHEME_FORMAT,
    name,
    start: 'refuse_all',
    nodes: { refuse_all: { type: 'strategy', strategy: 'blank', label: 'Refuse', reason: 'no routing drawn yet' } },
    layout: { refuse_all: { x: 0, y: 0 } },
  };
}

/**
 * The document as its author wrote it, once the schema accepted it. Parsing rebuilds objects in the
 * schema's key order; the format has no defaults or transforms, so the input holds exactly the same
 * data, and storing it keeps the author's order of keys (the column is json, which keeps it too).
 */
function asWritten(input: unknown, _parsed: SchemeDocument): SchemeDocument {
  return input as SchemeDocument;
}

type Row = typeof schemes.$inferSelect;
const toRecord = (row: Row): SchemeRecord => ({
  id: row.id,
  name: row.name,
  document: row.document as SchemeDocument,
  revision: row.revision,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

export async function listSchemes(db: Db): Promise<SchemeSummary[]> {
  const rows = await db.select().from(schemes).orderBy(asc(schemes.createdAt), asc(schemes.id));
  const versions = await db.select({ schemeId: schemeVersions.schemeId, version: schemeVersions.version }).from(schemeVersions);
  const [account] = await db.select().from(settings).limit(1);
  return rows.map((row) => {
    const { document, ...rest } = toRecord(row);
    const own = versions.filter((v) => v.schemeId === row.id).map((v) => v.version);
    return {
      ...rest,
      node_count: Object.keys(document.nodes ?? {}).length,
      latest_version: own.length ? Math.max(...own) : null,
      active_version: account?.activeSchemeId === row.id ? account.activeVersion : null,
    };
  });
}

export async function getScheme(db: Db, id: string): Promise<SchemeRecord | undefined> {
  if (!isId(id)) return undefined;
  const [row] = await db.select().from(schemes).where(eq(schemes.id, id));
  return row && toRecord(row);
}

/** The scheme's name as the clash; scheme ids are made here and never collide. */
function clash(error: unknown, name: string): Result<never> | undefined {
  return uniqueViolation(error) === 'schemes_name_unique' ? nameTaken('scheme', name) : undefined;
}

/** Runs a scheme write, a clash on the name answered as the form's problem. */
async function writeScheme<T>(ctx: ServiceContext, name: () => string, work: (tx: Db, audit: Audit) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await write(ctx, 'editor', work);
  } catch (error) {
    const refused = clash(error, name());
    if (refused) return refused;
    throw error;
  }
}

async function insertScheme(tx: Db, audit: Audit, document: SchemeDocument, action: string, detail?: unknown): Promise<Result<SchemeRecord>> {
  const id = newSchemeId();
  const [row] = await tx.insert(schemes).values({ id, name: document.name, document }).returning();
  await audit({ action, entity: 'scheme', entityId: id, detail });
  return ok(toRecord(row!));
}

export async function createScheme(ctx: ServiceContext, input: unknown): Promise<Result<SchemeRecord>> {
  const parsed = parseInput(CreateSchemeSchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const { name, document } = parsed.data;
  if (document === undefined) return writeScheme(ctx, () => name, (tx, audit) => insertScheme(tx, audit, starterDocument(name), 'create'));
  const named = { ...(document as object), name };
  const doc = parseInput(SchemeDocumentSchema, named);
  if (!doc.success) return fail(validationError(doc.error));
  return writeScheme(ctx, () => name, (tx, audit) => insertScheme(tx, audit, asWritten(named, doc.data), 'create'));
}

export async function duplicateScheme(ctx: ServiceContext, id: string): Promise<Result<SchemeRecord>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  let copyName = '';
  return writeScheme(ctx, () => copyName, async (tx, audit) => {
    const source = await getScheme(tx, id);
    if (!source) return fail(notFound('Scheme', id));
    copyName = await freeCopyName(tx, source.name);
    return insertScheme(tx, audit, { ...source.document, name: copyName }, 'duplicate', { from: id });
  });
}

async function freeCopyName(db: Db, base: string): Promise<string> {
  const taken = new Set((await db.select({ name: schemes.name }).from(schemes)).map((r) => r.name.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Save the draft document. `expectedRevision` is the revision the editor loaded: if someone saved in
 * between, the save is refused rather than silently overwriting their work.
 */
export async function saveDraft(ctx: ServiceContext, id: string, document: unknown, expectedRevision: number): Promise<Result<SchemeRecord>> {
  const args = checkArguments({ id: anId(id), revision: aRevision(expectedRevision) });
  if (!args.ok) return args;
  const parsed = parseInput(SchemeDocumentSchema, document);
  if (!parsed.success) return fail(validationError(parsed.error));
  return writeScheme(ctx, () => parsed.data.name, async (tx, audit) => {
    // The revision check and the write are one statement, so two concurrent saves cannot both win.
    const [row] = await tx
      .update(schemes)
      .set({ name: parsed.data.name, document: asWritten(document, parsed.data), revision: expectedRevision + 1, updatedAt: new Date() })
      .where(and(eq(schemes.id, id), eq(schemes.revision, expectedRevision)))
      .returning();
    if (row) {
      await audit({ action: 'save_draft', entity: 'scheme', entityId: id, detail: { revision: row.revision } });
      return ok(toRecord(row));
    }
    const current = await getScheme(tx, id);
    if (!current) return fail(notFound('Scheme', id));
    return fail({
      code: 'conflict',
      message: `The draft was saved by someone else in the meantime (revision ${current.revision}, you started from ${expectedRevision}). Reload to see their changes.`,
      revision: current.revision,
    });
  });
}

/**
 * Keeps an editor's document as a new scheme named "<source name> (copy)": the way out of a save
 * conflict that loses neither side's work.
 */
export async function saveAsCopy(ctx: ServiceContext, sourceId: string, document: unknown): Promise<Result<SchemeRecord>> {
  const args = checkArguments({ scheme_id: anId(sourceId) });
  if (!args.ok) return args;
  const parsed = parseInput(SchemeDocumentSchema, document);
  if (!parsed.success) return fail(validationError(parsed.error));
  let name = '';
  return writeScheme(ctx, () => name, async (tx, audit) => {
    const source = await getScheme(tx, sourceId);
    name = await freeCopyName(tx, source?.name ?? parsed.data.name);
    return insertScheme(tx, audit, { ...asWritten(document, parsed.data), name }, 'duplicate', { from: sourceId, unsaved: true });
  });
}

export async function deleteScheme(ctx: ServiceContext, id: string): Promise<Result<{ id: string }>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  return write(ctx, 'editor', async (tx, audit) => {
    const scheme = await getScheme(tx, id);
    if (!scheme) return fail(notFound('Scheme', id));
    const [account] = await tx.select().from(settings).limit(1);
    if (account?.activeSchemeId === id) {
      return fail(referencedError(`Scheme "${scheme.name}"`, [{ kind: 'settings', id: account.id, name: `active scheme (version ${account.activeVersion})` }]));
    }
    await tx.delete(schemeVersions).where(eq(schemeVersions.schemeId, id));
    await tx.delete(schemes).where(eq(schemes.id, id));
    await audit({ action: 'delete', entity: 'scheme', entityId: id, detail: { name: scheme.name } });
    return ok({ id });
  });
}
