import { bodyTextChunks, checkJsonLinesRequest, defineRoute, errorResponse, jsonLinesResponse } from '@/lib/http';
import { targetRefusal } from '@/lib/http/outside-proxy';
import { decisionCache } from '@/lib/services/decisions';
import { prepareBatch, simulateJsonLines } from '@/lib/services/simulate';

/**
 * JSON lines of transactions in (query: scheme_id, version, processor_route_id, seed), one JSON line per
 * simulated payment out, streamed. Outside proxy.ts (it would hold the body in memory and cut it at
 * 10 MB), so the request target is checked here.
 */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'read',
    handle: async ({ request, requestId }) => {
      const refused = targetRefusal(request) ?? checkJsonLinesRequest(request);
      if (refused) return errorResponse(refused);
      const cache = await decisionCache();
      const target = await prepareBatch(cache, Object.fromEntries(new URL(request.url).searchParams));
      if (!target.ok) return target;
      return jsonLinesResponse(simulateJsonLines(cache, target.value, bodyTextChunks(request)), requestId);
    },
  },
});
