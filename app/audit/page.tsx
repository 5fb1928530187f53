import type { Metadata } from 'next';
import Link from 'next/link';
import { uiContext } from '@/lib/auth/ui-context';
import { auditVocabulary, countAuditEntries, listAuditEntries, parseAuditQuery, type AuditQuery } from '@/lib/services/audit-trail';

export const metadata: Metadata = { title: 'Audit trail' };

type Params = Record<string, string | string[] | undefined>;
const FIELDS = ['who', 'action', 'entity', 'entity_id', 'from', 'to'] as const;

const when = (iso: string) => iso.replace('T', ' ').slice(0, 19) + ' UTC';

function queryString(query: AuditQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (query[field]) params.set(field, String(query[field]));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Every change, newest first, filtered by who, what, entity and time; export as CSV. Admins and publishers. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const raw = Object.fromEntries([...FIELDS, 'before'].map((f) => [f, one(params[f])]));
  const ctx = await uiContext();
  const parsed = parseAuditQuery(raw);
  const query: AuditQuery = parsed.ok ? parsed.value : {};
  const [page, total, vocabulary] = await Promise.all([listAuditEntries(ctx, query), countAuditEntries(ctx, query), auditVocabulary(ctx)]);
  if (!page.ok) throw new Error(page.error.message); // the proxy lets only admins and publishers open this page
  return (
    <>
      <div className="page-header">
        <h1>Audit trail</h1>
        <a className="button" href={`/audit/export${queryString(query)}`} download data-testid="audit-export">
          Export CSV
        </a>
      </div>
      <p className="muted">Every change with who made it, when and through what. Entries are never changed or removed.</p>
      <form className="panel form-row" method="get" aria-label="Filter the audit trail">
        <div className="field">
          <label htmlFor="audit-who">Who</label>
          <input id="audit-who" name="who" defaultValue={query.who} placeholder="email or key" />
        </div>
        <Choice name="action" label="What" any="any action" options={vocabulary.actions} value={query.action} />
        <Choice name="entity" label="Entity" any="any entity" options={vocabulary.entities} value={query.entity} />
        <div className="field">
          <label htmlFor="audit-entity-id">Entity id</label>
          <input id="audit-entity-id" name="entity_id" defaultValue={query.entity_id} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from?.slice(0, 10)} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to?.slice(0, 10)} />
        </div>
        <div className="field">
          <label>&nbsp;</label>
          <div className="actions">
            <button type="submit" className="button primary">
              Filter
            </button>
            <Link href="/audit" className="button">
              Clear
            </Link>
          </div>
        </div>
      </form>
      {!parsed.ok && (
        <p className="notice notice-error" role="alert">
          {parsed.error.message} {'issues' in parsed.error && (parsed.error.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
        </p>
      )}
      <p className="muted" data-testid="audit-count">
        {total} matching entr{total === 1 ? 'y' : 'ies'}
      </p>
      <div className="table-scroll panel">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Entity</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {page.value.entries.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">{when(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>
                  <span className="badge badge-accent">{entry.action}</span>
                </td>
                <td>
                  {entry.entity} <code>{entry.entity_id}</code>
                </td>
                <td>{entry.detail === null ? <span className="muted">—</span> : <code className="audit-detail">{JSON.stringify(entry.detail)}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.value.next_before && (
        <Link className="button" href={`/audit${queryString(query, { before: String(page.value.next_before) })}`}>
          Older entries
        </Link>
      )}
    </>
  );
}

/** One filter drop-down: "any" first, then the values the trail holds. */
function Choice({ name, label, any, options, value }: { name: string; label: string; any: string; options: readonly string[]; value?: string }) {
  return (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{label}</label>
      <select id={`audit-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
