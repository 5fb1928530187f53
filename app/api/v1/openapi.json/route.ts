import { openApiDocument } from '@/lib/api/openapi';

/** The OpenAPI 3.1 document; public, like the reference page made from it. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
