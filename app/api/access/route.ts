import { setupNeeded, userOfHeaders } from '@/lib/auth/session';
import { isDatabaseUnavailable } from '@/lib/http/database';

/**
 * Who the request's session belongs to, for the proxy's page guard: `{ setup_needed, user }`.
 * 503 when the database cannot be reached (the page then says so itself).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    if (await setupNeeded()) return Response.json({ setup_needed: true, user: null }, { headers: { 'Cache-Control': 'no-store' } });
    const user = await userOfHeaders(request.headers);
    return Response.json({ setup_needed: false, user: user && { id: user.id, role: user.role } }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (isDatabaseUnavailable(error)) return Response.json({ error: 'database_unavailable' }, { status: 503 });
    throw error;
  }
}
