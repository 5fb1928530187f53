import { defineRoute } from '@/lib/http';
import { doneOnly, publishOrRequest } from '@/lib/services/going-live';

/**
 * Publishes the draft as the next immutable version (optionally activating it); the API key is
 * recorded as the publisher. Refused while four-eyes approval is on, and for a revision already published.
 */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'write',
    body: 'optional',
    status: 201,
    idempotent: true,
    handle: async ({ service, params, body }) => doneOnly(await publishOrRequest(service, params.id!, body)),
  },
});
