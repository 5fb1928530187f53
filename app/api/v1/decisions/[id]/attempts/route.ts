import { defineRoute } from '@/lib/http';
import { reportAttempt } from '@/lib/services/attempts';
import { decisionLog } from '@/lib/services/decisions';

/** POST /api/v1/decisions/{id}/attempts: what one attempt of a recorded decision did. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: { scope: 'decide', body: 'json', handle: ({ service, params, body }) => reportAttempt(service, params.id!, body, decisionLog()) },
});
