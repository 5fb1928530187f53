import Link from 'next/link';
import { NameCell } from '@/components/ui/name-cell';
import { TableSearch } from '@/components/ui/table-search';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { accountCatalog, filterUsers, listFilters } from '@/lib/services/filters';
import { filterFormCatalog, ruleInWords } from '@/lib/filters/rule-rows';
import { plural } from '@/lib/text/plural';

export const metadata: Metadata = { title: 'Filters' };

export default async function FiltersPage({ searchParams }: { searchParams: Promise<{ saved?: string; deleted?: string }> }) {
  const db = await getDb();
  const [filters, catalog, params] = await Promise.all([listFilters(db), accountCatalog(db), searchParams]);
  const users = await Promise.all(filters.map((f) => filterUsers(db, f.id)));
  const { attributes } = filterFormCatalog(catalog);
  const nameOf = (id: string) => filters.find((f) => f.id === id)?.name ?? id;
  const saved = filters.find((f) => f.id === params.saved);
  return (
    <>
      <div className="page-header">
        <h1>Filters</h1>
        <Link href="/filters/new" className="button primary">
          New filter
        </Link>
      </div>
      <p className="muted">
        A filter is a named group of rules that many schemes share: a condition uses it as one rule, <code>{'{"filter": "flt_…"}'}</code>. Change it here and
        every scheme that uses it follows on its next publish.
      </p>
      {saved && <p className="notice notice-ok" role="status">Saved filter “{saved.name}”.</p>}
      {params.deleted && <p className="notice notice-ok" role="status">Deleted filter {params.deleted}.</p>}
      <TableSearch rows={filters.length} label="Search filters">
      <div className="table-scroll panel">
        <table className="table" data-testid="filters-table">
          <thead>
            <tr>
              <th>Filter</th>
              <th>Matches when</th>
              <th>Used by</th>
            </tr>
          </thead>
          <tbody>
            {filters.map((filter, i) => (
              <tr key={filter.id} data-testid={`filter-${filter.id}`}>
                <NameCell href={`/filters/${filter.id}`} name={filter.name} id={filter.id} />
                <td>
                  <span className="muted">{filter.match === 'all' ? 'all of' : 'any of'} {plural(filter.rules.length, 'rule')}:</span>
                  <ul className="rule-summary">
                    {filter.rules.map((rule, j) => (
                      <li key={j}>{ruleInWords(rule, attributes, nameOf)}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {users[i]!.length === 0 ? (
                    <span className="muted">nothing yet</span>
                  ) : (
                    <ul className="rule-summary">
                      {users[i]!.map((u) => (
                        <li key={`${u.kind}:${u.id}`}>
                          {u.kind === 'scheme' ? <Link href={`/schemes/${u.id}`}>{u.name}</Link> : u.kind === 'filter' ? <Link href={`/filters/${u.id}`}>{u.name}</Link> : u.name}
                          <span className="muted"> ({u.kind === 'scheme' ? 'scheme draft' : u.kind.replace('_', ' ')})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      </TableSearch>
      {filters.length === 0 && <p className="muted">No filters yet.</p>}
    </>
  );
}
