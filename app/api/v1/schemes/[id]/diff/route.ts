import { DiffQuerySchema } from '@/lib/api/requests';
import { defineRoute, parseBody } from '@/lib/http';
import { diffVersions } from '@/lib/services/publishing';

/** GET ?from=1&to=2: the nodes changed, added and removed between two versions, and the JSON changes. */
export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: {
    scope: 'read',
    handle: async ({ db, params, request }) => {
      const query = parseBody(DiffQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
      return query.ok ? diffVersions(db, params.id!, query.value.from, query.value.to) : query;
    },
  },
});
