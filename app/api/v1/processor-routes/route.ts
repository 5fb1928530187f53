import { defineRoute } from '@/lib/http';
import { ok } from '@/lib/services/result';
import { createRoute, listRoutes } from '@/lib/services/routes';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db }) => ok(await listRoutes(db)) },
  POST: { scope: 'write', body: 'json', status: 201, idempotent: true, handle: ({ service, body }) => createRoute(service, body) },
});
