import { ActivateRequestSchema } from '@/lib/api/requests';
import { defineRoute, parseBody } from '@/lib/http';
import { doneOnly, goLiveWithVersion } from '@/lib/services/going-live';

/** Makes a published version the one decide uses; activating an older version is the rollback. Refused while four-eyes approval is on. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: {
    scope: 'write',
    body: 'json',
    handle: async ({ service, params, body }) => {
      const request = parseBody(ActivateRequestSchema, body);
      return request.ok ? doneOnly(await goLiveWithVersion(service, params.id!, request.value.version)) : request;
    },
  },
});
