import { openApiDocument } from '@/lib/api/openapi';
import { REQUEST_ID_HEADER, requestIdOf } from '@/lib/http';

/** The OpenAPI 3.1 document; public, like the reference page made from it. */
export function GET(request: Request): Response {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300', [REQUEST_ID_HEADER]: requestIdOf(request) } });
}
