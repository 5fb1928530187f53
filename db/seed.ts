import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { filters, processorRouteItems, processorRoutes, processors, schemes, schemeVersions, settings } from './schema';
import { EXAMPLE_PROCESSORS, EXAMPLE_SCHEME } from '@/lib/scheme/examples';
import { toColumns } from './processor-columns';

/**
 * A realistic demo account so a newcomer sees a real picture at once: the example processors (one of
 * them down), two processor routes, a shared filter, and the example scheme published as version 1
 * and active.
 */
export const DEMO_SCHEME_ID = 'sch_demo_eu_cards';

const DEMO_ROUTES = [
  { id: 'proute_eu_cards', name: 'EU cards', processors: ['proc_adyen_eu', 'proc_checkout', 'proc_stripe'] },
  { id: 'proute_us_fallback', name: 'US fallback', processors: ['proc_worldpay', 'proc_stripe'] },
];

export async function seedDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(processors).values(
      EXAMPLE_PROCESSORS.map((p) => ({
        id: p.id,
        ...toColumns({ ...p, name: p.name ?? p.id, provider: p.provider ?? 'unknown' }),
        createdAt: new Date(p.created_at),
        updatedAt: new Date(p.created_at),
      })),
    );
    for (const route of DEMO_ROUTES) {
      await tx.insert(processorRoutes).values({ id: route.id, name: route.name });
      await tx.insert(processorRouteItems).values(route.processors.map((processorId, position) => ({ routeId: route.id, position, processorId })));
    }
    await tx.insert(filters).values({
      id: 'flt_high_risk_ip',
      name: 'High-risk IP countries',
      match: 'any',
      rules: [{ attribute: 'customer.ip_country', operator: 'in', value: ['KP', 'IR', 'SY'] }],
    });
    await tx.insert(schemes).values({ id: DEMO_SCHEME_ID, name: EXAMPLE_SCHEME.name, document: EXAMPLE_SCHEME, revision: 1 });
    await tx.insert(schemeVersions).values({ schemeId: DEMO_SCHEME_ID, version: 1, document: EXAMPLE_SCHEME, note: 'Demo data', publishedBy: 'seed' });
    await tx.insert(settings).values({
      id: 'default',
      routingMode: 'scheme',
      defaultProcessorId: 'proc_stripe',
      defaultRouteId: 'proute_eu_cards',
      activeSchemeId: DEMO_SCHEME_ID,
      activeVersion: 1,
    });
  });
}

/** Seeds only a database that has never held an account: existing data is never touched. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(settings);
  const [{ count: processorCount } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(processors);
  if (count > 0 || processorCount > 0) return false;
  await seedDemoData(db);
  return true;
}
