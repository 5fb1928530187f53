import Link from 'next/link';
import { NameCell } from '@/components/ui/name-cell';
import { TableSearch } from '@/components/ui/table-search';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listRoutes } from '@/lib/services/routes';
import { listProcessors } from '@/lib/services/processors';
import { routeWarnings } from '@/lib/routes/warnings';

export const metadata: Metadata = { title: 'Processor routes' };

export default async function RoutesPage({ searchParams }: { searchParams: Promise<{ saved?: string; deleted?: string }> }) {
  const db = await getDb();
  const [routes, processors, params] = await Promise.all([listRoutes(db), listProcessors(db), searchParams]);
  const byId = new Map(processors.map((p) => [p.id, p]));
  const saved = routes.find((r) => r.id === params.saved);
  const savedWarnings = saved ? routeWarnings(saved.processors.map((p) => p.processor_id), processors) : [];
  return (
    <>
      <div className="page-header">
        <h1>Processor routes</h1>
        <Link href="/routes/new" className="button primary">
          New route
        </Link>
      </div>
      <p className="muted">A route is a named list of processors tried in order until one succeeds. Schemes, settings and decide requests can name one.</p>
      {saved && (
        <div className={savedWarnings.length ? 'notice notice-warn' : 'notice notice-ok'} role="status" data-testid="route-saved">
          <strong>Saved route “{saved.name}”.</strong>
          {savedWarnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        </div>
      )}
      {params.deleted && <p className="notice notice-ok" role="status">Deleted route {params.deleted}.</p>}
      <TableSearch rows={routes.length} label="Search routes">
      <div className="table-scroll panel">
        <table className="table" data-testid="routes-table">
          <thead>
            <tr>
              <th>Route</th>
              <th>Processors in order</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {routes.map((route) => {
              const warnings = routeWarnings(route.processors.map((p) => p.processor_id), processors);
              return (
                <tr key={route.id} data-testid={`route-${route.id}`}>
                  <NameCell href={`/routes/${route.id}`} name={route.name} id={route.id} />
                  <td>
                    <ol className="route-chain">
                      {route.processors.map(({ processor_id: id }) => {
                        const p = byId.get(id);
                        return (
                          <li key={id} data-testid={`route-${route.id}-${id}`}>
                            {p?.name ?? id} <span className={`badge badge-${p?.status ?? 'disabled'}`}>{p?.status ?? 'unknown'}</span>
                          </li>
                        );
                      })}
                    </ol>
                    {warnings.map((w) => (
                      <div key={w} className="warn-text">
                        {w}
                      </div>
                    ))}
                  </td>
                  <td className="muted nowrap">{route.created_at.slice(0, 10)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      </TableSearch>
      {routes.length === 0 && <p className="muted">No routes yet.</p>}
    </>
  );
}
