import { VersionParamSchema } from '@/lib/api/requests';
import { defineRoute, parseBody } from '@/lib/http';
import { getVersion } from '@/lib/services/publishing';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: {
    scope: 'read',
    handle: async ({ db, params }) => {
      const version = parseBody(VersionParamSchema, { version: params.version });
      return version.ok ? getVersion(db, params.id!, version.value.version) : version;
    },
  },
});
