import Link from 'next/link';
import { NameCell } from '@/components/ui/name-cell';
import { TableSearch } from '@/components/ui/table-search';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getProcessor, listProcessors, statusEffects } from '@/lib/services/processors';
import { drainProcessorAction, endDrainAction, setProcessorStatusAction } from './actions';
import { drainsByProcessor } from '@/lib/services/drains';
import { getSettings } from '@/lib/services/settings';
import { uiContext } from '@/lib/auth/ui-context';
import { roleAllows } from '@/lib/access/roles';
import { DrainForm } from '@/components/processors/drain-form';
import { DrainStatus } from '@/components/processors/drain-status';
import { formatInZone } from '@/lib/schedule/local-time';
import { Tags } from '@/components/ui/tags';
import { feesInWords } from '@/lib/processors/fees';
import { StatusForm } from '@/components/processors/status-form';
import { StatusNotice } from '@/components/processors/status-notice';

export const metadata: Metadata = { title: 'Processors' };

type Params = { saved?: string; deleted?: string; status?: string; failed?: string; drained?: string; note?: string };

export default async function ProcessorsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const db = await getDb();
  const [processors, params] = await Promise.all([listProcessors(db), searchParams]);
  const effects = await Promise.all(processors.map((p) => statusEffects(db, p)));
  const changedId = params.status ?? params.saved;
  const changed = changedId ? await getProcessor(db, changedId) : undefined;
  const changedEffects = changed ? (await statusEffects(db, changed))[changed.status] : [];
  const [drains, settings, ctx] = await Promise.all([drainsByProcessor(db), getSettings(db), uiContext()]);
  const editor = ctx.actor.kind !== 'user' || roleAllows(ctx.actor.role, 'editor');
  const now = Date.now();
  const drained = params.drained ? processors.find((p) => p.id === params.drained) : undefined;
  const drainedUntil = drained && drains.get(drained.id);
  return (
    <>
      <div className="page-header">
        <h1>Processors</h1>
        <Link href="/processors/new" className="button primary">
          Register processor
        </Link>
      </div>
      {changed && <StatusNotice verb={params.status ? 'status' : 'saved'} name={changed.name} status={changed.status} effects={changedEffects} />}
      {drained && drainedUntil && (
        <p className="notice notice-ok" role="status" data-testid="drain-notice">
          {drained.name} is out of traffic until {formatInZone(new Date(drainedUntil.run_at), settings.time_zone)}; then it comes back by itself, within seconds of that time (if no instance is running then, as soon as one starts).
          {params.note && <> {params.note}</>}
        </p>
      )}
      {params.deleted && <p className="notice notice-ok" role="status">Deleted {params.deleted}.</p>}
      {params.failed && <p className="notice notice-error" role="alert">{params.failed}</p>}
      <TableSearch rows={processors.length} label="Search processors">
      <div className="table-scroll panel">
        <table className="table" data-testid="processors-table">
          <thead>
            <tr>
              <th>Processor</th>
              <th>Status</th>
              <th>Currencies</th>
              <th>Methods</th>
              <th>Countries</th>
              <th>Approval</th>
              <th>Fees</th>
            </tr>
          </thead>
          <tbody>
            {processors.map((p, i) => (
              <tr key={p.id} data-testid={`processor-${p.id}`}>
                <NameCell href={`/processors/${p.id}`} name={p.name} id={p.id} detail={p.provider} />
                <td>
                  <span className={`badge badge-${p.status}`}>{p.status}</span>
                  <StatusForm key={p.status} action={setProcessorStatusAction.bind(null, p.id)} name={p.name} status={p.status} effects={effects[i]!} />
                  {drains.has(p.id) ? (
                    <DrainStatus drain={drains.get(p.id)!} zone={settings.time_zone} now={now} end={editor ? endDrainAction.bind(null, p.id) : undefined} />
                  ) : (
                    editor && p.status === 'active' && <DrainForm action={drainProcessorAction.bind(null, p.id)} name={p.name} effects={effects[i]!.down} zone={settings.time_zone} />
                  )}
                </td>
                <td><Tags items={p.currencies} /></td>
                <td><Tags items={p.payment_methods} /></td>
                <td><Tags items={p.countries} /></td>
                <td>{(p.approval_rate * 100).toFixed(1)}%</td>
                <td className="nowrap">
                  {feesInWords(p.fees)}
                </td>

              </tr>
            ))}
          </tbody>
        </table>
      </div>
      </TableSearch>
      {processors.length === 0 && <p className="muted">No processors yet: register the PSP accounts you route to.</p>}
    </>
  );
}
