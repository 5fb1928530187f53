import { bodyTextChunks, checkJsonLinesRequest, defineRoute, errorResponse, jsonLinesResponse } from '@/lib/http';
import { decisionCache } from '@/lib/services/decisions';
import { prepareBatch, simulateJsonLines } from '@/lib/services/simulate';

/**
 * JSON lines of transactions in (query: scheme_id, version, processor_route_id, seed), one JSON line per
 * simulated payment out, streamed. Outside proxy.ts even with a percent-escape in its path (it would
 * hold the body in memory and cut it at 10 MB); the route wrapper checks the request target.
 */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'read',
    handle: async ({ request, requestId }) => {
      const refused = checkJsonLinesRequest(request);
      if (refused) return errorResponse(refused);
      const cache = await decisionCache();
      const target = await prepareBatch(cache, Object.fromEntries(new URL(request.url).searchParams));
      if (!target.ok) return target;
      return jsonLinesResponse(simulateJsonLines(cache, target.value, bodyTextChunks(request)), requestId);
    },
  },
});
