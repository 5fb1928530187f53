import { defineRoute } from '@/lib/http';
import { ok } from '@/lib/services/result';
import { createProcessor, listProcessors } from '@/lib/services/processors';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db }) => ok(await listProcessors(db)) },
  POST: { scope: 'write', body: 'json', status: 201, idempotent: true, handle: ({ service, body }) => createProcessor(service, body) },
});
