import { defineRoute } from '@/lib/http';
import { cancelScheduledChange } from '@/lib/services/scheduled-changes';

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  DELETE: { scope: 'write', handle: ({ service, params }) => cancelScheduledChange(service, params.id!) },
});
