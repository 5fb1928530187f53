import { decisionCache, decisionLog } from '@/lib/services/decisions';
import { serviceHealth } from '@/lib/services/health';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health, unauthenticated for load balancers: 200 while decisions can be answered (`ok`, or
 * `degraded` from the cache while the database is away), 503 when they cannot (`down`);
 * with the decision log's backlog and drops.
 */
export async function GET(): Promise<Response> {
  const health = await serviceHealth(await Promise.resolve().then(decisionCache).catch(() => null), undefined, decisionLog());
  return Response.json(health, { status: health.status === 'down' ? 503 : 200, headers: { 'Cache-Control': 'no-store' } });
}
