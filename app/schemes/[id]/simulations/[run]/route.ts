import { respond } from '@/lib/http';
import { uiHandler } from '@/lib/http/ui-handler';
import { executeRun, getRun } from '@/lib/services/simulation-runs';

// Both are outside proxy.ts (it would hold the upload in memory and cut it at 10 MB): they check the session themselves.

/** Runs a prepared run; the body is the uploaded file (streamed, never read whole), empty for generated traffic. Answers when it ends. */
export const POST = uiHandler(
  async (request, ctx, { id, run }) => respond(await executeRun(ctx, id!, run!, request.body as AsyncIterable<Uint8Array> | null, request.signal)),
  { outsideProxy: true },
);

/** A stored run with its report. */
export const GET = uiHandler(async (_request, ctx, { id, run }) => respond(await getRun(ctx, id!, run!)), { outsideProxy: true });
