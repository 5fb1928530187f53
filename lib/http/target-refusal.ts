import 'server-only';
import { apiError, type ApiError } from './errors';
import { requestTargetProblem } from './request-target';

/**
 * A path or query that does not decode, or decodes to a NUL: 400, as proxy.ts answers it. For the
 * requests the proxy does not see: /api/v1 (lib/http/route.ts) and the streamed uploads.
 */
export function targetRefusal(request: Request): ApiError | undefined {
  const problem = requestTargetProblem(new URL(request.url));
  return problem && apiError(400, 'invalid_request', problem.message, { issues: [{ path: [problem.where], message: problem.message }] });
}
