import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { filters, processorRouteItems, processorRoutes, schemes, schemeVersions, settings } from '@/db/schema';
import { referencedFilters } from '@/lib/filters/rules';
import { schemeReferences, type SchemeReferences } from '@/lib/scheme/references';
import type { SchemeDocument } from '@/lib/scheme/schema';
import type { Reference } from './result';

type Kind = keyof SchemeReferences;

/**
 * Who still uses a processor, a route or a filter: processor routes, account settings, other filters,
 * scheme drafts and the active published version. Old inactive versions do not block: they are history, and a rollback to
 * one is checked when it happens.
 */
export async function findReferences(db: Db, kind: Kind, id: string): Promise<Reference[]> {
  const found: Reference[] = [];
  if (kind === 'filters') {
    const users = (await db.select({ id: filters.id, name: filters.name, rules: filters.rules }).from(filters)).filter(
      (f) => f.id !== id && referencedFilters(f.rules).includes(id),
    );
    found.push(...users.map((f) => ({ kind: 'filter' as const, id: f.id, name: f.name })));
  }
  if (kind === 'processors') {
    const routes = await db
      .selectDistinct({ id: processorRoutes.id, name: processorRoutes.name })
      .from(processorRouteItems)
      .innerJoin(processorRoutes, eq(processorRoutes.id, processorRouteItems.routeId))
      .where(eq(processorRouteItems.processorId, id))
      .orderBy(processorRoutes.name);
    found.push(...routes.map((r) => ({ kind: 'processor_route' as const, id: r.id, name: r.name })));
  }
  const [account] = await db.select().from(settings).limit(1);
  if (account && kind !== 'filters' && (kind === 'processors' ? account.defaultProcessorId : account.defaultRouteId) === id) {
    found.push({ kind: 'settings', id: account.id, name: kind === 'processors' ? 'default processor' : 'default route' });
  }
  for (const scheme of await db.select({ id: schemes.id, name: schemes.name, document: schemes.document }).from(schemes)) {
    if (mentions(scheme.document, kind, id)) found.push({ kind: 'scheme', id: scheme.id, name: scheme.name });
  }
  if (account?.activeSchemeId && account.activeVersion != null) {
    const [active] = await db
      .select()
      .from(schemeVersions)
      .where(and(eq(schemeVersions.schemeId, account.activeSchemeId), eq(schemeVersions.version, account.activeVersion)));
    if (active && mentions(active.document, kind, id)) {
      found.push({ kind: 'scheme_version', id: `${active.schemeId}@${active.version}`, name: `active version ${active.version}` });
    }
  }
  return found;
}

function mentions(document: unknown, kind: Kind, id: string): boolean {
  // Drafts may be unfinished; read what is there without trusting the shape.
  try {
    return schemeReferences(document as SchemeDocument)[kind].has(id);
  } catch {
    return JSON.stringify(document).includes(JSON.stringify(id));
  }
}
