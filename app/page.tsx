import Link from 'next/link';
import { getDb } from '@/db';
import { listProcessors } from '@/lib/services/processors';
import { listRoutes } from '@/lib/services/routes';
import { listSchemes } from '@/lib/services/schemes';
import { getSettings } from '@/lib/services/settings';
import { ROUTING_MODE_LABELS } from '@/lib/routing-modes';
import { routeWarnings } from '@/lib/routes/warnings';
import { noun, plural } from '@/lib/text/plural';
import { uiContext } from '@/lib/auth/ui-context';
import { roleAllows } from '@/lib/access/roles';
import { fourEyesOn, pendingRequests } from '@/lib/services/going-live';
import { ApprovalList } from '@/components/publishing/approval-list';
import { trippedRollout } from '@/lib/services/rollouts';
import { decideRequestAction } from '@/app/approvals/actions';

export default async function DashboardPage() {
  const db = await getDb();
  const ctx = await uiContext();
  const me = ctx.actor.kind === 'user' ? ctx.actor : null;
  const [processors, routes, schemes, settings, pending, fourEyes, tripped] = await Promise.all([
    listProcessors(db), listRoutes(db), listSchemes(db), getSettings(db), pendingRequests(db), fourEyesOn(db), trippedRollout(db),
  ]);
  const active = schemes.find((s) => s.id === settings.active_scheme_id);
  const unavailable = processors.filter((p) => p.status !== 'active');
  const mode = settings.routing_mode;
  const defaultProcessor = processors.find((p) => p.id === settings.default_processor_id);
  const defaultRoute = routes.find((r) => r.id === settings.default_route_id);
  const nameOf = (id: string) => processors.find((p) => p.id === id)?.name ?? id;
  const usesDefaultProcessor = mode.startsWith('default_');
  return (
    <>
      <h1>Dashboard</h1>
      {tripped && (
        <p className="notice notice-error" role="alert" data-testid="rollout-tripped">
          The canary of {schemes.find((s) => s.id === tripped.scheme_id)?.name ?? tripped.scheme_id} v{tripped.version} was stopped by its guardrail
          {tripped.ended_at && <> at {tripped.ended_at.replace('T', ' ').slice(0, 19)} UTC</>}: its approval rate fell more than {tripped.max_drop_points} points below the
          live version&apos;s. All traffic is back on v{tripped.control_version}. <Link href={`/schemes/${tripped.scheme_id}/versions`}>See the rollout</Link>
        </p>
      )}
      {(fourEyes || pending.length > 0) && (
        <section className="panel" data-testid="dashboard-approvals">
          <h2>Waiting for approval ({pending.length})</h2>
          <ApprovalList requests={pending} decide={me && roleAllows(me.role, 'publisher') ? Object.fromEntries(pending.map((r) => [r.id, decideRequestAction.bind(null, r.id)])) : undefined} me={me?.id ?? ''} />
        </section>
      )}
      <div className="grid-cards">
        <div className="stat">
          <div className="value">{processors.length}</div>
          <div className="label">{noun(processors.length, 'processor')}, {processors.length - unavailable.length} active</div>
        </div>
        <div className="stat">
          <div className="value">{routes.length}</div>
          <div className="label">{noun(routes.length, 'processor route')}</div>
        </div>
        <div className="stat">
          <div className="value">{schemes.length}</div>
          <div className="label">{noun(schemes.length, 'routing scheme')}</div>
        </div>
      </div>
      <section className="panel" data-testid="routing-summary">
        <h2>How payments are routed now</h2>
        <p>
          Routing mode: <strong>{ROUTING_MODE_LABELS[mode]}</strong>
        </p>
        {mode === 'scheme' &&
          (active ? (
            <p>
              Active scheme: <Link href={`/schemes/${active.id}`}>{active.name}</Link> <span className="badge badge-accent">version {settings.active_version}</span>
            </p>
          ) : (
            <p className="notice notice-error">No scheme is active: every decision answers no_route until one is published and activated.</p>
          ))}
        {usesDefaultProcessor && (
          <p data-testid="mode-default-processor">
            Default processor:{' '}
            {defaultProcessor ? (
              <>
                <Link href={`/processors/${defaultProcessor.id}`}>{defaultProcessor.name}</Link> <code>{defaultProcessor.id}</code>{' '}
                <span className={`badge badge-${defaultProcessor.status}`}>{defaultProcessor.status}</span>
                {mode === 'default_then_connection_order' && <span className="muted"> — then the other processors in the order they were connected</span>}
                {mode === 'default_with_recency_fallback' && <span className="muted"> — then the most recently added processor</span>}
              </>
            ) : (
              <span className="notice notice-error">none set: this mode needs one</span>
            )}
          </p>
        )}
        {usesDefaultProcessor && defaultProcessor && defaultProcessor.status !== 'active' && (
          <p className="notice notice-warn">
            The default processor is {defaultProcessor.status}: {mode === 'default_only' ? 'every payment gets no route until it is active again.' : 'its payments go to the fallback.'}
          </p>
        )}
        {mode === 'processor_route' && (
          <p data-testid="mode-default-route">
            Default route:{' '}
            {defaultRoute ? (
              <>
                <Link href={`/routes/${defaultRoute.id}`}>{defaultRoute.name}</Link> — {defaultRoute.processors.map((p) => nameOf(p.processor_id)).join(' → ')}
              </>
            ) : (
              <span className="notice notice-error">none set: this mode needs one</span>
            )}
          </p>
        )}
        {mode === 'processor_route' &&
          defaultRoute &&
          routeWarnings(defaultRoute.processors.map((p) => p.processor_id), processors).map((w) => (
            <p key={w} className="notice notice-warn">
              {w}
            </p>
          ))}
        {(mode === 'random_uniform' || mode === 'random_weighted') && (
          <p>Chooses among the {plural(processors.length - unavailable.length, 'active processor')} that support each payment.</p>
        )}
        <p className="muted">
          {!usesDefaultProcessor && defaultProcessor && <>Default processor {defaultProcessor.name} is set but this mode does not use it. </>}
          {mode !== 'processor_route' && defaultRoute && <>Default route {defaultRoute.name} is used only by requests that ask for it or in the “{ROUTING_MODE_LABELS.processor_route}” mode.</>}
        </p>
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
