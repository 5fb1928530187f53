import { NextResponse, type NextRequest } from 'next/server';
import { isForeignOrigin, requestTargetProblem } from '@/lib/http/request-target';

/**
 * The edge of every request Next.js serves: a path or query that cannot be decoded (or decodes to a
 * NUL) is a 400 here, JSON with a request id under /api; a server action posted from another site is
 * a clear 403 instead of the framework's 500.
 */
export function proxy(request: NextRequest): NextResponse | undefined {
  const problem = requestTargetProblem(new URL(request.url));
  if (problem) return refuse(request, 400, 'invalid_request', problem.message, [problem.where]);
  if (request.method === 'POST' && request.headers.has('next-action')) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    if (isForeignOrigin(request.headers.get('origin'), host)) {
      return refuse(request, 403, 'forbidden', 'This form was sent from another site; submit it from Switchyard itself.', ['headers', 'Origin']);
    }
  }
  return undefined;
}

function refuse(request: NextRequest, status: number, type: string, message: string, path: string[]): NextResponse {
  const requestId = `req_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const headers = { 'X-Request-Id': requestId, 'Cache-Control': 'no-store' };
  if (new URL(request.url).pathname.startsWith('/api/') || request.headers.has('next-action')) {
    return NextResponse.json({ error: { type, message, issues: [{ path, message }] } }, { status, headers });
  }
  return new NextResponse(`${message}\n`, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}
