import { asc, eq, inArray } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { processorRouteItems, processorRoutes, processors } from '@/db/schema';
import { ProcessorRouteInputSchema, ProcessorRoutePatchSchema } from '@/lib/routes/schema';
import { inWords } from '@/lib/forms/issue-messages';
import { ROUTE_FIELD_WORDS } from '@/lib/routes/field-words';
import { audit } from './audit';
import { findReferences } from './references';
import { fail, isUniqueViolation, notFound, ok, referencedError, validationError, type Result } from './result';
import { parseInput, quote } from '@/lib/text/hostile';

/** The REST shape payment APIs use for routes: id, name, processors as [{processor_id}], timestamps. */
export interface ProcessorRouteRecord {
  id: string;
  name: string;
  processors: { processor_id: string }[];
  created_at: string;
  updated_at: string;
}

export const newRouteId = () => `proute_${randomBytes(8).toString('hex')}`;

export async function listRoutes(db: Db): Promise<ProcessorRouteRecord[]> {
  const routes = await db.select().from(processorRoutes).orderBy(asc(processorRoutes.createdAt), asc(processorRoutes.id));
  const items = await db.select().from(processorRouteItems).orderBy(asc(processorRouteItems.position));
  return routes.map((route) => ({
    id: route.id,
    name: route.name,
    processors: items.filter((i) => i.routeId === route.id).map((i) => ({ processor_id: i.processorId })),
    created_at: route.createdAt.toISOString(),
    updated_at: route.updatedAt.toISOString(),
  }));
}

export async function getRoute(db: Db, id: string): Promise<ProcessorRouteRecord | undefined> {
  const [route] = await db.select().from(processorRoutes).where(eq(processorRoutes.id, id));
  if (!route) return undefined;
  const items = await db.select().from(processorRouteItems).where(eq(processorRouteItems.routeId, id)).orderBy(asc(processorRouteItems.position));
  return {
    id: route.id,
    name: route.name,
    processors: items.map((i) => ({ processor_id: i.processorId })),
    created_at: route.createdAt.toISOString(),
    updated_at: route.updatedAt.toISOString(),
  };
}

async function unknownProcessors(db: Db, ids: string[]): Promise<Result<never> | undefined> {
  const known = new Set((await db.select({ id: processors.id }).from(processors).where(inArray(processors.id, ids))).map((r) => r.id));
  const issues = ids.flatMap((id, index) => (known.has(id) ? [] : [{ path: ['processors', index], message: `Unknown processor ${quote(id)}` }]));
  return issues.length ? fail({ code: 'validation', message: 'Some processors do not exist.', issues }) : undefined;
}

const nameTaken = (name: string) =>
  fail({ code: 'conflict', message: `A route named "${name}" already exists.`, issues: [{ path: ['name'], message: 'Name already in use' }] });

export async function createRoute(db: Db, input: unknown): Promise<Result<ProcessorRouteRecord>> {
  const parsed = parseInput(ProcessorRouteInputSchema, input, inWords(ROUTE_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const missing = await unknownProcessors(db, parsed.data.processors);
  if (missing) return missing;
  const id = newRouteId();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(processorRoutes).values({ id, name: parsed.data.name });
      await tx.insert(processorRouteItems).values(parsed.data.processors.map((processorId, position) => ({ routeId: id, position, processorId })));
    });
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(parsed.data.name);
    throw error;
  }
  await audit(db, { action: 'create', entity: 'processor_route', entityId: id, detail: parsed.data });
  return ok((await getRoute(db, id))!);
}

/** Rename and/or replace the ordered processor list (reordering is a replacement). */
export async function updateRoute(db: Db, id: string, input: unknown): Promise<Result<ProcessorRouteRecord>> {
  const parsed = parseInput(ProcessorRoutePatchSchema, input, inWords(ROUTE_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  if (!(await getRoute(db, id))) return fail(notFound('Processor route', id));
  const { name, processors: list } = parsed.data;
  if (list) {
    const missing = await unknownProcessors(db, list);
    if (missing) return missing;
  }
  try {
    await db.transaction(async (tx) => {
      await tx.update(processorRoutes).set({ ...(name ? { name } : {}), updatedAt: new Date() }).where(eq(processorRoutes.id, id));
      if (list) {
        await tx.delete(processorRouteItems).where(eq(processorRouteItems.routeId, id));
        await tx.insert(processorRouteItems).values(list.map((processorId, position) => ({ routeId: id, position, processorId })));
      }
    });
  } catch (error) {
    if (isUniqueViolation(error) && name) return nameTaken(name);
    throw error;
  }
  await audit(db, { action: 'update', entity: 'processor_route', entityId: id, detail: parsed.data });
  return ok((await getRoute(db, id))!);
}

export async function deleteRoute(db: Db, id: string): Promise<Result<{ id: string }>> {
  const route = await getRoute(db, id);
  if (!route) return fail(notFound('Processor route', id));
  const references = await findReferences(db, 'routes', id);
  if (references.length > 0) return fail(referencedError(`Route "${route.name}"`, references));
  await db.delete(processorRoutes).where(eq(processorRoutes.id, id));
  await audit(db, { action: 'delete', entity: 'processor_route', entityId: id });
  return ok({ id });
}
