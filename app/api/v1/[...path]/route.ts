import { notFoundRoute } from '@/lib/http';

/** Any path under /api/v1 that no endpoint serves: a JSON 404, whatever the method. */
export const { GET, POST, PUT, PATCH, DELETE } = notFoundRoute();
