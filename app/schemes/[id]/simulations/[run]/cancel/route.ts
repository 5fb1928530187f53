import { respond } from '@/lib/http';
import { uiHandler } from '@/lib/http/ui-handler';
import { stopRun } from '@/lib/services/simulation-runs';

/** Stops a live run: its work ends within a second and nothing of it is stored. */
export const POST = uiHandler(async (_request, _ctx, { id, run }) => respond(stopRun(id!, run!)));
