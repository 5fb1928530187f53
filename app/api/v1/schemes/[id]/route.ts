import { SaveDraftRequestSchema } from '@/lib/api/requests';
import { defineRoute, found, parseBody } from '@/lib/http';
import { deleteScheme, getScheme, saveDraft } from '@/lib/services/schemes';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db, params }) => found(await getScheme(db, params.id!), 'Scheme', params.id!) },
  PUT: {
    scope: 'write',
    body: 'json',
    handle: async ({ service, params, body }) => {
      const request = parseBody(SaveDraftRequestSchema, body);
      return request.ok ? saveDraft(service, params.id!, request.value.document, request.value.revision) : request;
    },
  },
  DELETE: { scope: 'write', handle: ({ service, params }) => deleteScheme(service, params.id!) },
});
