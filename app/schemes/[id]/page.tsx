import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getScheme } from '@/lib/services/schemes';
import { getSettings } from '@/lib/services/settings';
import { checkDocument } from '@/lib/services/engine';
import { ProblemList } from '@/components/schemes/problem-list';
import { DryRun } from '@/components/schemes/dry-run';
import { SAMPLE_TRANSACTIONS } from '@/lib/scheme/sample-transactions';
import { ActionButton, SchemeNameForm } from '@/components/schemes/name-form';
import { DeleteForm } from '@/components/ui/delete-form';
import { deleteSchemeAction, dryRunAction, duplicateSchemeAction, renameSchemeAction } from '../actions';

export const metadata: Metadata = { title: 'Scheme' };

/** The scheme's draft, read-only for now: the graph and JSON editors build on this page. */
export default async function SchemePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const [scheme, settings] = await Promise.all([getScheme(db, id), getSettings(db)]);
  if (!scheme) notFound();
  const { errors, warnings } = await checkDocument(db, scheme.document);
  const active = settings.active_scheme_id === id;
  return (
    <>
      <div className="page-header">
        <h1>
          {scheme.name} {active && <span className="badge badge-active">active v{settings.active_version}</span>}
        </h1>
        <div style={{ display: 'flex', gap: 8 }}>
          <Link href={`/schemes/${id}/versions`} className="button">
            Versions &amp; publishing
          </Link>
          <ActionButton action={duplicateSchemeAction.bind(null, id)} label="Duplicate" />
          <Link href="/schemes" className="button">
            All schemes
          </Link>
        </div>
      </div>
      <section className="panel">
        <SchemeNameForm action={renameSchemeAction.bind(null, id)} initialName={scheme.name} submitLabel="Rename" label="Name" />
      </section>
      <section className="panel" data-testid="compile-check">
        <h2>
          Compile check{' '}
          {errors.length === 0 ? <span className="badge badge-active">compiles</span> : <span className="badge badge-down">{errors.length} errors</span>}{' '}
          {warnings.length > 0 && <span className="badge badge-warn">{warnings.length} warnings</span>}
        </h2>
        <ProblemList problems={errors} kind="error" />
        <ProblemList problems={warnings} kind="warning" />
      </section>
      <section className="panel" data-testid="dry-run">
        <h2>Try a transaction</h2>
        <DryRun action={dryRunAction.bind(null, id)} samples={SAMPLE_TRANSACTIONS} />
      </section>
      <section className="panel">
        <h2>
          Draft document <span className="muted">revision {scheme.revision} · {Object.keys(scheme.document.nodes).length} nodes</span>
        </h2>
        <pre className="json" data-testid="scheme-document">
          {JSON.stringify(scheme.document, null, 2)}
        </pre>
      </section>
      <DeleteForm action={deleteSchemeAction.bind(null, id)} label="Delete scheme" confirmText={`Delete scheme ${scheme.name} and its versions?`} />
    </>
  );
}
