import { BatchSimulationQuerySchema } from '@/lib/api/requests';
import { bodyTextChunks, checkJsonLinesRequest, defineRoute, errorResponse, jsonLinesResponse, parseBody } from '@/lib/http';
import { prepareSimulator, simulateJsonLines } from '@/lib/services/simulate';

/** JSON lines of transactions in (query: scheme_id, version, seed), one JSON line per simulated payment out, streamed. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'read',
    handle: async ({ db, request, requestId }) => {
      const refused = checkJsonLinesRequest(request);
      if (refused) return errorResponse(refused);
      const query = parseBody(BatchSimulationQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
      if (!query.ok) return query;
      const simulator = await prepareSimulator(db, query.value);
      if (!simulator.ok) return simulator;
      return jsonLinesResponse(simulateJsonLines(simulator.value, bodyTextChunks(request), query.value.seed), requestId);
    },
  },
});
