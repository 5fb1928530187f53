import { textStreamResponse, uiHandler } from '@/lib/http/ui-handler';
import { runProgress } from '@/lib/services/simulation-runs';

/** JSON lines of a live run's progress, about four a second, until it ends. */
export const GET = uiHandler(async (request, _ctx, { id, run }) => {
  const lines = (async function* () {
    for await (const progress of runProgress(id!, run!, request.signal)) yield `${JSON.stringify(progress)}\n`;
  })();
  return textStreamResponse(lines, { 'Content-Type': 'application/x-ndjson; charset=utf-8' }, () => `${JSON.stringify({ status: 'failed' })}\n`);
});
