import Link from 'next/link';
import { ActionButton } from '@/components/schemes/name-form';
import type { FormState } from '@/lib/forms/form-state';
import type { VersionSummary } from '@/lib/services/publishing';

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/** Every published version, newest first: who, when, note, tests, and which one decide uses. */
export function VersionHistory({ schemeId, versions, activateAction }: {
  schemeId: string;
  versions: readonly VersionSummary[];
  activateAction: (version: number) => Action;
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
          <tr key={v.version} data-testid={`version-${v.version}`}>
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
              {!v.active && (
                <ActionButton
                  action={activateAction(v.version)}
                  label={activeVersion !== undefined && v.version < activeVersion ? `Roll back to v${v.version}` : `Activate v${v.version}`}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
