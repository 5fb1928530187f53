import 'server-only';
import { fail, notFound, ok, type Result, type ServiceError } from '@/lib/services/result';
import { apiError, errorResponse, type ApiError } from './errors';

/** The one mapping from a service error to an API error. */
export function apiErrorOf(error: ServiceError): ApiError {
  switch (error.code) {
    case 'validation':
      return apiError(400, 'invalid_request', error.message, { issues: error.issues });
    case 'not_found':
      return apiError(404, 'not_found', error.message);
    case 'forbidden':
      return apiError(403, 'forbidden', error.message);
    case 'conflict':
      return apiError(409, 'conflict', error.message, { issues: error.issues });
    case 'referenced':
      return apiError(409, 'referenced', error.message, {
        issues: error.references.map((r) => ({ path: [], message: `referenced by ${r.kind} ${r.id} (${r.name})` })),
        references: error.references,
      });
  }
}

/** The one mapping from a service `Result` to an HTTP response: the value as JSON, or the error shape. */
export function respond<T>(result: Result<T>, status = 200): Response {
  if (!result.ok) return errorResponse(apiErrorOf(result.error));
  return status === 204 ? new Response(null, { status }) : Response.json(result.value, { status });
}

/** A lookup's answer as a `Result`: the record, or 404 naming what was looked for. */
export function found<T>(value: T | undefined, what: string, id: string): Result<T> {
  return value === undefined ? fail(notFound(what, id)) : ok(value);
}
