import Link from 'next/link';
import { TableSearch } from '@/components/ui/table-search';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getProcessor, listProcessors, statusEffects } from '@/lib/services/processors';
import { setProcessorStatusAction } from './actions';
import { Tags } from '@/components/ui/tags';
import { feesInWords } from '@/lib/processors/fees';
import { StatusForm } from '@/components/processors/status-form';
import { StatusNotice } from '@/components/processors/status-notice';

export const metadata: Metadata = { title: 'Processors' };

type Params = { saved?: string; deleted?: string; status?: string; failed?: string };

export default async function ProcessorsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const db = await getDb();
  const [processors, params] = await Promise.all([listProcessors(db), searchParams]);
  const effects = await Promise.all(processors.map((p) => statusEffects(db, p)));
  const changedId = params.status ?? params.saved;
  const changed = changedId ? await getProcessor(db, changedId) : undefined;
  const changedEffects = changed ? (await statusEffects(db, changed))[changed.status] : [];
  return (
    <>
      <div className="page-header">
        <h1>Processors</h1>
        <Link href="/processors/new" className="button primary">
          Register processor
        </Link>
      </div>
      {changed && <StatusNotice verb={params.status ? 'status' : 'saved'} name={changed.name} status={changed.status} effects={changedEffects} />}
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
                <td>
                  <Link href={`/processors/${p.id}`}>
                    <strong>{p.name}</strong>
                  </Link>
                  <div className="muted">
                    <code>{p.id}</code> · {p.provider}
                  </div>
                </td>
                <td>
                  <span className={`badge badge-${p.status}`}>{p.status}</span>
                  <StatusForm action={setProcessorStatusAction.bind(null, p.id)} name={p.name} status={p.status} effects={effects[i]!} />
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
