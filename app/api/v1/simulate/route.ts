import { defineRoute, queryOf } from '@/lib/http';
import { getDecisionCache, simulateTransaction } from '@/lib/services/decisions';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: { scope: 'read', body: 'json', handle: async ({ body, request }) => simulateTransaction(await getDecisionCache(), body, queryOf(request.url)) },
});
