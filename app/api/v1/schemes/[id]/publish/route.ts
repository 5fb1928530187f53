import { defineRoute } from '@/lib/http';
import { publishScheme } from '@/lib/services/publishing';

/** Publishes the draft as the next immutable version (optionally activating it); the API key's name is recorded as the publisher. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'write',
    body: 'optional',
    status: 201,
    idempotent: true,
    handle: ({ db, params, body, caller }) => publishScheme(db, params.id!, body, `api key ${caller.name}`),
  },
});
