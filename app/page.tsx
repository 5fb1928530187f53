import Link from 'next/link';
import { getDb } from '@/db';
import { listProcessors } from '@/lib/services/processors';
import { listRoutes } from '@/lib/services/routes';
import { listSchemes } from '@/lib/services/schemes';
import { getSettings } from '@/lib/services/settings';
import { ROUTING_MODE_LABELS } from '@/lib/routing-modes';

export default async function DashboardPage() {
  const db = await getDb();
  const [processors, routes, schemes, settings] = await Promise.all([listProcessors(db), listRoutes(db), listSchemes(db), getSettings(db)]);
  const active = schemes.find((s) => s.id === settings.active_scheme_id);
  const unavailable = processors.filter((p) => p.status !== 'active');
  return (
    <>
      <h1>Dashboard</h1>
      <div className="grid-cards">
        <div className="stat">
          <div className="value">{processors.length}</div>
          <div className="label">processors, {processors.length - unavailable.length} active</div>
        </div>
        <div className="stat">
          <div className="value">{routes.length}</div>
          <div className="label">processor routes</div>
        </div>
        <div className="stat">
          <div className="value">{schemes.length}</div>
          <div className="label">routing schemes</div>
        </div>
      </div>
      <section className="panel" data-testid="routing-summary">
        <h2>How payments are routed now</h2>
        <p>
          Routing mode: <strong>{ROUTING_MODE_LABELS[settings.routing_mode]}</strong>
        </p>
        {settings.routing_mode === 'scheme' &&
          (active ? (
            <p>
              Active scheme: <Link href={`/schemes/${active.id}`}>{active.name}</Link> <span className="badge badge-accent">version {settings.active_version}</span>
            </p>
          ) : (
            <p className="notice notice-error">No scheme is active: every decision answers no_route until one is published and activated.</p>
          ))}
        <Link href="/settings">Change routing settings</Link>
      </section>
      {unavailable.length > 0 && (
        <section className="panel">
          <h2>Processors not taking traffic</h2>
          <ul>
            {unavailable.map((p) => (
              <li key={p.id}>
                <Link href={`/processors/${p.id}`}>{p.name}</Link> <span className={`badge badge-${p.status}`}>{p.status}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
