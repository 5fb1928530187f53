import { ActivateRequestSchema } from '@/lib/api/requests';
import { defineRoute, parseBody } from '@/lib/http';
import { activateVersion } from '@/lib/services/publishing';

/** Makes a published version the one decide uses; activating an older version is the rollback. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'write',
    body: 'json',
    handle: async ({ db, params, body, caller }) => {
      const request = parseBody(ActivateRequestSchema, body);
      return request.ok ? activateVersion(db, params.id!, request.value.version, `api key ${caller.name}`) : request;
    },
  },
});
