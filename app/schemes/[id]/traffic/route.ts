import { respond } from '@/lib/http';
import { uiHandler } from '@/lib/http/ui-handler';
import { ok } from '@/lib/services/result';
import { liveTraffic, TRAFFIC_WINDOWS } from '@/lib/services/traffic';

/** The scheme's live traffic for the editor's heat map: hits per node and branch of its active version (?window=hour|day|week). */
export const GET = uiHandler(async (request, ctx, { id }) => {
  const asked = new URL(request.url).searchParams.get('window');
  const window = TRAFFIC_WINDOWS.find((w) => w === asked) ?? 'hour';
  return respond(ok(await liveTraffic(ctx.db, id!, window)));
});
