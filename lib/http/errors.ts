import 'server-only';
import type { FieldIssue, Reference } from '@/lib/services/result';

/** The one error shape of the REST API: `{"error":{"type","message","issues":[{"path","message"}]}}`. */
export type ApiErrorType =
  | 'invalid_request'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'referenced'
  | 'idempotency_conflict'
  | 'database_unavailable'
  | 'outcome_unknown'
  | 'too_many_requests'
  | 'internal_error';

export interface ApiError {
  status: number;
  type: ApiErrorType;
  message: string;
  issues?: FieldIssue[];
  /** For `referenced`: what still uses the thing that was to be deleted. */
  references?: Reference[];
  headers?: Record<string, string>;
}

export const apiError = (status: number, type: ApiErrorType, message: string, extra: Partial<ApiError> = {}): ApiError => ({
  status,
  type,
  message,
  ...extra,
});

export function errorBody(error: ApiError) {
  return {
    error: {
      type: error.type,
      message: error.message,
      issues: error.issues ?? [],
      ...(error.references ? { references: error.references } : {}),
    },
  };
}

export function errorResponse(error: ApiError): Response {
  return Response.json(errorBody(error), { status: error.status, headers: error.headers });
}
