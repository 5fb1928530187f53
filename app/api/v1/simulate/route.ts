import { defineRoute } from '@/lib/http';
import { simulateTransaction } from '@/lib/services/simulate';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: { scope: 'read', body: 'json', handle: ({ db, body }) => simulateTransaction(db, body) },
});
