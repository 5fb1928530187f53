import { defineRoute, found } from '@/lib/http';
import { patchProcessor } from '@/lib/services/partial-updates';
import { deleteProcessor, getProcessor } from '@/lib/services/processors';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db, params }) => found(await getProcessor(db, params.id!), 'Processor', params.id!) },
  PATCH: { scope: 'write', body: 'json', handle: ({ service, params, body }) => patchProcessor(service, params.id!, body) },
  DELETE: { scope: 'write', handle: ({ service, params }) => deleteProcessor(service, params.id!) },
});
