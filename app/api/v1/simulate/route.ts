import { defineRoute, queryOf } from '@/lib/http';
import { decisionCache, simulateTransaction } from '@/lib/services/decisions';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: { scope: 'read', body: 'json', handle: async ({ body, request }) => simulateTransaction(await decisionCache(), body, queryOf(request.url)) },
});
