import { defineRoute, found } from '@/lib/http';
import { deleteRoute, getRoute, updateRoute } from '@/lib/services/routes';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db, params }) => found(await getRoute(db, params.id!), 'Processor route', params.id!) },
  PATCH: { scope: 'write', body: 'json', handle: ({ service, params, body }) => updateRoute(service, params.id!, body) },
  DELETE: { scope: 'write', handle: ({ service, params }) => deleteRoute(service, params.id!) },
});
