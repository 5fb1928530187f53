import { defineRoute, found } from '@/lib/http';
import { deleteFilter, getFilter, updateFilter } from '@/lib/services/filters';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db, params }) => found(await getFilter(db, params.id!), 'Filter', params.id!) },
  PATCH: { scope: 'write', body: 'json', handle: ({ service, params, body }) => updateFilter(service, params.id!, body) },
  DELETE: { scope: 'write', handle: ({ service, params }) => deleteFilter(service, params.id!) },
});
