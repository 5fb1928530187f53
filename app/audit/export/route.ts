import { getDb } from '@/db';
import { clientAddress } from '@/lib/http/client-address';
import { userOfHeaders } from '@/lib/auth/session';
import { respond } from '@/lib/http/respond';
import { auditCsv, parseAuditQuery } from '@/lib/services/audit-trail';
import type { ServiceContext } from '@/lib/services/context';
import { fail } from '@/lib/services/result';

/** The audit trail as CSV, with the page's filters, streamed from the database batch by batch. */
export async function GET(request: Request): Promise<Response> {
  const user = await userOfHeaders(request.headers);
  if (!user) return respond(fail({ code: 'forbidden', message: 'Sign in to export the audit trail.' }));
  const ctx: ServiceContext = { db: await getDb(), actor: { kind: 'user', id: user.id, email: user.email, role: user.role }, via: 'ui', address: clientAddress(request.headers) };
  const query = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return respond(query);
  const lines = auditCsv(ctx, { ...query.value, before: undefined });
  if (!lines.ok) return respond(lines);
  const iterator = lines.value;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="switchyard-audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
