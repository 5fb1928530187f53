import { asc, eq, inArray } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { processorRouteItems, processorRoutes, processors } from '@/db/schema';
import { ProcessorRouteInputSchema, ProcessorRoutePatchSchema } from '@/lib/routes/schema';
import { inWords } from '@/lib/forms/issue-messages';
import { ROUTE_FIELD_WORDS } from '@/lib/routes/field-words';
import type { ServiceContext } from './context';
import { findReferences } from './references';
import { fail, nameTaken, notFound, ok, referencedError, uniqueViolation, validationError, type Result } from './result';
import { write } from './write';
import { parseInput, quote } from '@/lib/text/hostile';
import { anId, checkArguments, isId } from './arguments';

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
  if (!isId(id)) return undefined;
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

/** The route's name as the clash; route ids are made here and never collide. */
function clash(error: unknown, name: string | undefined): Result<never> | undefined {
  return uniqueViolation(error) === 'processor_routes_name_unique' && name ? nameTaken('route', name) : undefined;
}

export async function createRoute(ctx: ServiceContext, input: unknown): Promise<Result<ProcessorRouteRecord>> {
  const parsed = parseInput(ProcessorRouteInputSchema, input, inWords(ROUTE_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const id = newRouteId();
  try {
    return await write(ctx, 'editor', async (tx, audit) => {
      const missing = await unknownProcessors(tx, parsed.data.processors);
      if (missing) return missing;
      await tx.insert(processorRoutes).values({ id, name: parsed.data.name });
      await tx.insert(processorRouteItems).values(parsed.data.processors.map((processorId, position) => ({ routeId: id, position, processorId })));
      await audit({ action: 'create', entity: 'processor_route', entityId: id, detail: parsed.data });
      return ok((await getRoute(tx, id))!);
    });
  } catch (error) {
    const refused = clash(error, parsed.data.name);
    if (refused) return refused;
    throw error;
  }
}

/** Rename and/or replace the ordered processor list (reordering is a replacement). */
export async function updateRoute(ctx: ServiceContext, id: string, input: unknown): Promise<Result<ProcessorRouteRecord>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  const parsed = parseInput(ProcessorRoutePatchSchema, input, inWords(ROUTE_FIELD_WORDS));
  if (!parsed.success) return fail(validationError(parsed.error));
  const { name, processors: list } = parsed.data;
  try {
    return await write(ctx, 'editor', async (tx, audit) => {
      if (!(await getRoute(tx, id))) return fail(notFound('Processor route', id));
      if (list) {
        const missing = await unknownProcessors(tx, list);
        if (missing) return missing;
      }
      await tx.update(processorRoutes).set({ ...(name ? { name } : {}), updatedAt: new Date() }).where(eq(processorRoutes.id, id));
      if (list) {
        await tx.delete(processorRouteItems).where(eq(processorRouteItems.routeId, id));
        await tx.insert(processorRouteItems).values(list.map((processorId, position) => ({ routeId: id, position, processorId })));
      }
      await audit({ action: 'update', entity: 'processor_route', entityId: id, detail: parsed.data });
      return ok((await getRoute(tx, id))!);
    });
  } catch (error) {
    const refused = clash(error, name);
    if (refused) return refused;
    throw error;
  }
}

export async function deleteRoute(ctx: ServiceContext, id: string): Promise<Result<{ id: string }>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  return write(ctx, 'editor', async (tx, audit) => {
    const route = await getRoute(tx, id);
    if (!route) return fail(notFound('Processor route', id));
    const references = await findReferences(tx, 'routes', id);
    if (references.length > 0) return fail(referencedError(`Route "${route.name}"`, references));
    await tx.delete(processorRoutes).where(eq(processorRoutes.id, id));
    await audit({ action: 'delete', entity: 'processor_route', entityId: id });
    return ok({ id });
  });
}
