import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { DiffPicker } from '@/components/publishing/diff-picker';
import { VersionDiff } from '@/components/publishing/version-diff';
import { diffVersions, listVersions } from '@/lib/services/publishing';

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
  const result = Number.isInteger(from) && Number.isInteger(to) ? await diffVersions(db, id, from, to) : null;
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
          <VersionDiff diff={result.value.diff} fromLabel={`v${from} (${result.value.from.published_at.slice(0, 10)})`} toLabel={`v${to} (${result.value.to.published_at.slice(0, 10)})`} />
        )}
      </section>
    </>
  );
}
