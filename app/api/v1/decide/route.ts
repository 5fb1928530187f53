import { defineRoute, queryOf } from '@/lib/http';
import { decideWithAppCache } from '@/lib/services/decisions';

/** POST /api/v1/decide: the decision for one transaction, from this instance's cached compiled version, recorded for the calling key. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: { scope: 'decide', body: 'json', handle: async ({ body, request, caller }) => decideWithAppCache(body, queryOf(request.url), caller.id) },
});
