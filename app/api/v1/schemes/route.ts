import { defineRoute } from '@/lib/http';
import { ok } from '@/lib/services/result';
import { createScheme, listSchemes } from '@/lib/services/schemes';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db }) => ok(await listSchemes(db)) },
  POST: { scope: 'write', body: 'json', status: 201, idempotent: true, handle: ({ service, body }) => createScheme(service, body) },
});
