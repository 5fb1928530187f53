import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { uiContext } from '@/lib/auth/ui-context';
import { getRollout } from '@/lib/services/rollouts';
import { shadowDifferences } from '@/lib/services/rollout-stats';
import { getScheme } from '@/lib/services/schemes';
import { count, percent } from '@/lib/traffic/format';
import styles from '@/components/traffic/traffic.module.css';

export const metadata: Metadata = { title: 'Shadow differences' };
export const dynamic = 'force-dynamic';

const WINDOWS = { hour: ['Last hour', 3_600_000], day: ['Last day', 86_400_000], week: ['Last week', 7 * 86_400_000], all: ['Since it started', Infinity] } as const;
type Window = keyof typeof WINDOWS;

/** A shadow's differences from the live version over a chosen window, grouped by (live → shadow), with examples to dry-run. */
export default async function ShadowPage({ params, searchParams }: { params: Promise<{ id: string; rolloutId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id, rolloutId } = await params;
  const requested = (await searchParams).window;
  const window: Window = typeof requested === 'string' && requested in WINDOWS ? (requested as Window) : 'all';
  const { db } = await uiContext();
  const [scheme, rollout] = await Promise.all([getScheme(db, id), getRollout(db, rolloutId)]);
  if (!scheme || !rollout.ok || rollout.value.scheme_id !== id) notFound();
  const started = Date.parse(rollout.value.started_at);
  const since = new Date(Math.max(started, Date.now() - WINDOWS[window][1]));
  const result = await shadowDifferences(db, rolloutId, since);
  if (!result.ok) notFound();
  const { compared, differing, share, groups } = result.value;
  return (
    <>
      <div className="page-header">
        <h1>
          Shadow of {scheme.name} v{rollout.value.version} beside v{rollout.value.control_version}
        </h1>
        <Link href={`/schemes/${id}/versions`} className="button">
          Back to the versions
        </Link>
      </div>
      <nav className={styles.windows} aria-label="Window">
        {(Object.keys(WINDOWS) as Window[]).map((w) => (
          <Link key={w} href={`/schemes/${id}/rollouts/${rolloutId}?window=${w}`} aria-current={w === window ? 'page' : undefined}>
            {WINDOWS[w][0]}
          </Link>
        ))}
      </nav>
      <section className="panel" data-testid="shadow-differences">
        <p data-testid="shadow-share">
          <strong>{percent(share)}</strong> of {count(compared)} decisions differ ({count(differing)}), judged on the final answer after every fallback: outcome, processor and
          candidates. A shadow that found no route or failed counts as a difference.
        </p>
        {groups.length === 0 ? (
          <p className="muted">No differences in this window.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Live</th>
                <th>Shadow</th>
                <th>Decisions</th>
                <th>Share</th>
                <th>Examples (open in the dry run)</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={`${g.live}→${g.shadow}`} data-testid="difference-group">
                  <td>{g.live}</td>
                  <td>{g.shadow}</td>
                  <td>{count(g.decisions)}</td>
                  <td>{percent(g.share)}</td>
                  <td>
                    {g.examples.map((e) => (
                      <div key={e.decision_id}>
                        <Link href={`/schemes/${id}?dry_run=${encodeURIComponent(e.decision_id)}`}>{String(e.transaction.id ?? e.decision_id)}</Link>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
