import { defineRoute } from '@/lib/http';
import { patchSettings } from '@/lib/services/partial-updates';
import { ok } from '@/lib/services/result';
import { getSettings } from '@/lib/services/settings';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: { scope: 'read', handle: async ({ db }) => ok(await getSettings(db)) },
  PATCH: { scope: 'write', body: 'json', handle: ({ service, body }) => patchSettings(service, body) },
});
