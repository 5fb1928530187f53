import { apiErrorOf, bodyTextChunks, checkJsonLinesRequest, defineRoute, errorBody, errorResponse, jsonLinesResponse } from '@/lib/http';
import { reportAttemptsJsonLines, type AttemptLineOutcome } from '@/lib/services/attempt-lines';
import { decisionLog } from '@/lib/services/decisions';

/** POST /api/v1/attempts: attempts as JSON lines (backfill); out, one line per refused line, then a summary. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'decide',
    handle: async ({ request, requestId, service }) => {
      const refused = checkJsonLinesRequest(request);
      if (refused) return errorResponse(refused);
      return jsonLinesResponse(lines(reportAttemptsJsonLines(service, bodyTextChunks(request), decisionLog())), requestId);
    },
  },
});

async function* lines(outcomes: AsyncGenerator<AttemptLineOutcome>): AsyncGenerator<string> {
  for await (const outcome of outcomes) {
    if (outcome.kind === 'summary') {
      const { kind: _kind, ...summary } = outcome;
      yield `${JSON.stringify({ summary })}\n`;
    } else {
      const error = apiErrorOf(outcome.error);
      yield `${JSON.stringify({ line: outcome.line, status: error.status, ...errorBody(error) })}\n`;
    }
  }
}
