import { respond } from '@/lib/http';
import { textStreamResponse, uiHandler } from '@/lib/http/ui-handler';
import { exportRun } from '@/lib/services/simulation-runs';

/** The per-payment results of a stored run as CSV, streamed as they are replayed. */
export const GET = uiHandler(async (_request, ctx, { id, run }) => {
  const exported = await exportRun(ctx, id!, run!);
  if (!exported.ok) return respond(exported);
  return textStreamResponse(
    exported.value.chunks,
    { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${exported.value.fileName}"` },
    () => '\n# the export stopped early: an error on the server\n',
  );
});
