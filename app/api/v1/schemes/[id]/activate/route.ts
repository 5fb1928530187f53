import { ActivateRequestSchema } from '@/lib/api/requests';
import { defineRoute, parseBody } from '@/lib/http';
import { activateVersion } from '@/lib/services/publishing';

/** Makes a published version the one decide uses; activating an older version is the rollback. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'write',
    body: 'json',
    handle: async ({ service, params, body }) => {
      const request = parseBody(ActivateRequestSchema, body);
      return request.ok ? activateVersion(service, params.id!, request.value.version) : request;
    },
  },
});
