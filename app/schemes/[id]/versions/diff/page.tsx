import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { DiffPicker } from '@/components/publishing/diff-picker';
import { DiffGraph } from '@/components/publishing/diff-graph';
import { VersionDiff } from '@/components/publishing/version-diff';
import { nodeStatuses } from '@/lib/scheme/diff';
import { loadAccountContext } from '@/lib/services/account-context';
import { diffVersions, getVersion, listVersions } from '@/lib/services/publishing';

export const metadata: Metadata = { title: 'Version diff' };

/** /schemes/{id}/versions/diff?from=1&to=2 */
export default async function VersionDiffPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const db = await getDb();
  const versions = await listVersions(db, id);
  if (!versions.ok) notFound();
  const from = Number(query.from);
  const to = Number(query.to);
  const picked = Number.isInteger(from) && Number.isInteger(to);
  const [result, newer, account] = picked
    ? await Promise.all([diffVersions(db, id, from, to), getVersion(db, id, to), loadAccountContext(db)])
    : [null, null, null];
  return (
    <>
      <div className="page-header">
        <h1>
          Diff v{query.from} → v{query.to}
        </h1>
        <Link href={`/schemes/${id}/versions`} className="button">
          All versions
        </Link>
      </div>
      <section className="panel">
        <DiffPicker schemeId={id} versions={versions.value} {...(result?.ok ? { from, to } : {})} />
      </section>
      <section className="panel">
        {!result ? (
          <p className="notice notice-error">Pick two versions.</p>
        ) : !result.ok ? (
          <p className="notice notice-error" role="alert">
            {result.error.message}
          </p>
        ) : (
          <>
            {newer?.ok && account && (
              <DiffGraph
                // A new pair of versions starts a new store: the provider builds its store once.
                key={`${from}-${to}`}
                init={{ schemeId: id, revision: 0, document: newer.value.document, account }}
                statuses={nodeStatuses(result.value.diff, newer.value.document)}
                removed={result.value.diff.removed}
              />
            )}
            <VersionDiff diff={result.value.diff} references={result.value.references} fromLabel={`v${from} (${result.value.from.published_at.slice(0, 10)})`} toLabel={`v${to} (${result.value.to.published_at.slice(0, 10)})`} />
          </>
        )}
      </section>
    </>
  );
}
