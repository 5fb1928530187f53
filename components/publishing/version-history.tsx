import Link from 'next/link';
import type { ReactNode } from 'react';
import type { GoLiveResult, PreviewResult } from '@/lib/services/going-live';
import type { VersionSummary } from '@/lib/services/publishing';
import { GoLiveButton } from './go-live-button';

/**
 * Every published version, newest first: who, when, note, tests, and which one decide uses.
 * Without `goLive` (a role below publisher) there are no activate or roll back buttons.
 */
export function VersionHistory({ schemeId, versions, goLive, fourEyes, rollout }: {
  schemeId: string;
  versions: readonly VersionSummary[];
  goLive?: { preview: (version: number) => () => Promise<PreviewResult>; confirm: (version: number) => () => Promise<GoLiveResult> };
  fourEyes: boolean;
  /** "Shadow" / "Canary…" for a version that is not live, when a rollout may start (docs/rollouts.md). */
  rollout?: (version: number) => ReactNode;
}) {
  if (versions.length === 0) return <p className="muted">Nothing published yet.</p>;
  const activeVersion = versions.find((v) => v.active)?.version;
  return (
    <table className="table" data-testid="version-history">
      <thead>
        <tr>
          <th>Version</th>
          <th>Published</th>
          <th>By</th>
          <th>Note</th>
          <th>Test cases</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {versions.map((v, index) => (
          <tr key={v.version} id={`version-${v.version}`} data-testid={`version-${v.version}`}>
            <td>
              <strong>v{v.version}</strong> {v.active && <span className="badge badge-active">active</span>}
              {v.draft_revision !== null && <div className="muted">revision {v.draft_revision}</div>}
            </td>
            <td>
              <time dateTime={v.published_at}>{v.published_at.replace('T', ' ').slice(0, 19)} UTC</time>
            </td>
            <td>{v.published_by ?? '—'}</td>
            <td>{v.note ?? <span className="muted">—</span>}</td>
            <td>
              {v.tests_run === 0 ? <span className="muted">none</span> : `${v.tests_passed} / ${v.tests_run} passed`}
              {v.override_reason && (
                <div>
                  <span className="badge badge-warn">overridden</span> {v.override_reason}
                </div>
              )}
            </td>
            <td className="actions">
              {index + 1 < versions.length && (
                <Link className="button" href={`/schemes/${schemeId}/versions/diff?from=${versions[index + 1]!.version}&to=${v.version}`}>
                  Diff with v{versions[index + 1]!.version}
                </Link>
              )}
              {goLive && (
                // Rendered for the live version too (without its button), so the confirmation survives the refresh.
                <GoLiveButton
                  preview={goLive.preview(v.version)}
                  confirm={goLive.confirm(v.version)}
                  fourEyes={fourEyes}
                  live={v.active}
                  label={activeVersion !== undefined && v.version < activeVersion ? `Roll back to v${v.version}` : `Activate v${v.version}`}
                />
              )}
              {rollout && !v.active && rollout(v.version)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
