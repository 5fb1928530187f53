import 'server-only';
import { asc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customAttributes, filters } from '@/db/schema';
import type { AccountContext } from '@/lib/account/context';
import { customAttributeFromStored, type CustomAttributeDefinition } from '@/lib/catalog';
import type { Filter } from '@/lib/engine';
import type { Rule } from '@/lib/scheme/schema';
import { listProcessors } from './processors';
import { listRoutes } from './routes';
import { getSettings } from './settings';

/** What a scheme compiles against in this account, as plain data: processors, routes, filters, custom attributes, time zone. */
export async function loadAccountContext(db: Db): Promise<AccountContext> {
  const [processors, routes, filterRows, custom, settings] = await Promise.all([
    listProcessors(db),
    listRoutes(db),
    db.select().from(filters).orderBy(asc(filters.id)),
    loadCustomAttributes(db),
    getSettings(db),
  ]);
  const filterList: Filter[] = filterRows.map((f) => ({ id: f.id, name: f.name, match: f.match, rules: f.rules as Rule[] }));
  return {
    processors,
    routes: routes.map((r) => ({ id: r.id, name: r.name, processors: r.processors.map((p) => p.processor_id) })),
    filters: filterList,
    customAttributes: custom,
    timeZone: settings.time_zone,
  };
}

/** The account's own attributes, as catalog definitions. */
export async function loadCustomAttributes(db: Db): Promise<CustomAttributeDefinition[]> {
  return (await db.select().from(customAttributes)).map(customAttributeFromStored);
}
