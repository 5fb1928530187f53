import { readJsonBody, respond, errorResponse } from '@/lib/http';
import { uiHandler } from '@/lib/http/ui-handler';
import { ok } from '@/lib/services/result';
import { listRuns, prepareRun } from '@/lib/services/simulation-runs';

/** Prepares a batch run or an impact preview (JSON: target(s), input, seed, on_error); the input follows in POST ./{run}. */
export const POST = uiHandler(async (request, ctx, { id }) => {
  // The unsaved document travels in this body, so allow more than a decide request.
  const body = await readJsonBody(request, { maxBytes: 8 * 1024 * 1024 });
  if (!body.ok) return errorResponse(body.error);
  return respond(await prepareRun(ctx, id!, body.value), 201);
});

/** The scheme's stored runs, newest first (without their reports). */
export const GET = uiHandler(async (_request, ctx, { id }) => respond(ok(await listRuns(ctx, id!))));
