import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listProcessors } from '@/lib/services/processors';
import { PROCESSOR_STATUSES } from '@/lib/processors/schema';
import { setProcessorStatusAction } from './actions';
import { Tags } from '@/components/ui/tags';

export const metadata: Metadata = { title: 'Processors' };

export default async function ProcessorsPage({ searchParams }: { searchParams: Promise<{ saved?: string; deleted?: string }> }) {
  const [processors, params] = await Promise.all([listProcessors(await getDb()), searchParams]);
  return (
    <>
      <div className="page-header">
        <h1>Processors</h1>
        <Link href="/processors/new" className="button primary">
          Register processor
        </Link>
      </div>
      {params.saved && <p className="notice notice-ok" role="status">Saved {params.saved}.</p>}
      {params.deleted && <p className="notice notice-ok" role="status">Deleted {params.deleted}.</p>}
      <table className="table panel" data-testid="processors-table">
        <thead>
          <tr>
            <th>Processor</th>
            <th>Status</th>
            <th>Currencies</th>
            <th>Methods</th>
            <th>Countries</th>
            <th>Approval</th>
            <th>Fees</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {processors.map((p) => (
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
              </td>
              <td><Tags items={p.currencies} /></td>
              <td><Tags items={p.payment_methods} /></td>
              <td><Tags items={p.countries} /></td>
              <td>{(p.approval_rate * 100).toFixed(1)}%</td>
              <td>
                {p.fees.percent}% + {p.fees.fixed}
              </td>
              <td>
                <form action={setProcessorStatusAction.bind(null, p.id)} className="actions">
                  <select name="status" defaultValue={p.status} aria-label={`Status of ${p.name}`}>
                    {PROCESSOR_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="button small">
                    Set
                  </button>
                  <Link href={`/processors/${p.id}`} className="button small">
                    Edit
                  </Link>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {processors.length === 0 && <p className="muted">No processors yet: register the PSP accounts you route to.</p>}
    </>
  );
}
