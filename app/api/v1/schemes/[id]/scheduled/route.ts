import { defineRoute } from '@/lib/http';
import { scheduleActivation } from '@/lib/services/scheduled-activation';
import { listScheduledChanges } from '@/lib/services/scheduled-changes';
import { fail, ok } from '@/lib/services/result';

/** A scheme's scheduled activations, and scheduling one (docs/scheduled-changes.md). */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db, params }) => ok(await listScheduledChanges(db, `scheme:${params.id!}`)) },
  POST: {
    scope: 'write',
    body: 'json',
    status: 201,
    handle: async ({ service, params, body }) => {
      const result = await scheduleActivation(service, params.id!, body);
      if (!result.ok) return result;
      // Only a signed-in user can make a four-eyes request, so the API never gets one; said plainly should that change.
      return result.value.status === 'scheduled' ? ok(result.value.change) : fail({ code: 'conflict', message: `Sent for approval instead: ${result.value.request.summary}.` });
    },
  },
});
