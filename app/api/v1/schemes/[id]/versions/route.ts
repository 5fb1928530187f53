import { defineRoute } from '@/lib/http';
import { listVersions } from '@/lib/services/publishing';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: ({ db, params }) => listVersions(db, params.id!) },
});
