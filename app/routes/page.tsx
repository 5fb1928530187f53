import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listRoutes } from '@/lib/services/routes';
import { listProcessors } from '@/lib/services/processors';

export const metadata: Metadata = { title: 'Processor routes' };

export default async function RoutesPage({ searchParams }: { searchParams: Promise<{ saved?: string; deleted?: string }> }) {
  const db = await getDb();
  const [routes, processors, params] = await Promise.all([listRoutes(db), listProcessors(db), searchParams]);
  const nameOf = new Map(processors.map((p) => [p.id, p.name]));
  return (
    <>
      <div className="page-header">
        <h1>Processor routes</h1>
        <Link href="/routes/new" className="button primary">
          New route
        </Link>
      </div>
      <p className="muted">A route is a named list of processors tried in order until one succeeds. Schemes, settings and decide requests can name one.</p>
      {params.saved && <p className="notice notice-ok" role="status">Saved route “{params.saved}”.</p>}
      {params.deleted && <p className="notice notice-ok" role="status">Deleted route {params.deleted}.</p>}
      <table className="table panel" data-testid="routes-table">
        <thead>
          <tr>
            <th>Route</th>
            <th>Processors in order</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {routes.map((route) => (
            <tr key={route.id} data-testid={`route-${route.id}`}>
              <td>
                <Link href={`/routes/${route.id}`}>
                  <strong>{route.name}</strong>
                </Link>
                <div className="muted">
                  <code>{route.id}</code>
                </div>
              </td>
              <td>{route.processors.map((p, i) => `${i + 1}. ${nameOf.get(p.processor_id) ?? p.processor_id}`).join('  →  ')}</td>
              <td className="muted">{route.created_at.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {routes.length === 0 && <p className="muted">No routes yet.</p>}
    </>
  );
}
