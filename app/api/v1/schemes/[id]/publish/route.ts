import { defineRoute } from '@/lib/http';
import { publishScheme } from '@/lib/services/publishing';

/** Publishes the draft as the next immutable version (optionally activating it); the API key is recorded as the publisher. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'write',
    body: 'optional',
    status: 201,
    idempotent: true,
    handle: ({ service, params, body }) => publishScheme(service, params.id!, body),
  },
});
