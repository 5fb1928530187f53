import { defineRoute } from '@/lib/http';
import { drainProcessor, endDrainNow } from '@/lib/services/drains';

/** Drain a processor for a while (POST), or end the drain now (DELETE). */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: { scope: 'write', body: 'json', status: 201, handle: ({ service, params, body }) => drainProcessor(service, params.id!, body) },
  DELETE: { scope: 'write', handle: ({ service, params }) => endDrainNow(service, params.id!) },
});
