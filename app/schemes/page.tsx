import { NameCell } from '@/components/ui/name-cell';
import { TableSearch } from '@/components/ui/table-search';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listSchemes } from '@/lib/services/schemes';
import { SchemeNameForm } from '@/components/schemes/name-form';
import { createSchemeAction } from './actions';

export const metadata: Metadata = { title: 'Schemes' };

export default async function SchemesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const [schemes, params] = await Promise.all([listSchemes(await getDb()), searchParams]);
  return (
    <>
      <h1>Routing schemes</h1>
      {params.deleted && <p className="notice notice-ok" role="status">Scheme deleted.</p>}
      <TableSearch rows={schemes.length} label="Search schemes">
      <table className="table panel" data-testid="schemes-table">
        <thead>
          <tr>
            <th>Scheme</th>
            <th>Nodes</th>
            <th>Draft revision</th>
            <th>Published</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {schemes.map((s) => (
            <tr key={s.id} data-testid={`scheme-${s.id}`}>
              <NameCell href={`/schemes/${s.id}`} name={s.name} id={s.id} badge={s.active_version != null && <span className="badge badge-active">active v{s.active_version}</span>} />
              <td>{s.node_count}</td>
              <td>{s.revision}</td>
              <td>{s.latest_version ? `v${s.latest_version}` : <span className="muted">never</span>}</td>
              <td className="muted">{s.updated_at.slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableSearch>
      <section className="panel">
        <h2>New scheme</h2>
        <SchemeNameForm action={createSchemeAction} initialName="" submitLabel="Create scheme" label="Name" />
      </section>
    </>
  );
}
