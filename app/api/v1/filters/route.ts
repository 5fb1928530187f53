import { defineRoute } from '@/lib/http';
import { createFilter, listFilters } from '@/lib/services/filters';
import { ok } from '@/lib/services/result';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db }) => ok(await listFilters(db)) },
  POST: { scope: 'write', body: 'json', status: 201, idempotent: true, handle: ({ service, body }) => createFilter(service, body) },
});
