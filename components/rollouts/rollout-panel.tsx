import Link from 'next/link';
import { ActionButton } from '@/components/schemes/name-form';
import type { FormState } from '@/lib/forms/form-state';
import type { ArmStats, ShadowDifferences } from '@/lib/services/rollout-stats';
import type { RolloutSummary } from '@/lib/services/rollouts';
import { ShareForm } from './share-form';

type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const STATUS_BADGE = { running: 'badge-active', stopped: 'badge-disabled', tripped: 'badge-down', promoted: 'badge-accent' } as const;

/**
 * A rollout's state: what runs beside the live version, per arm what was decided and reported, the
 * guardrail's last judgement, the shadow's differences; Stop / Promote / share for publishers.
 */
export function RolloutPanel({ rollout, arms, differences, controls }: {
  rollout: RolloutSummary;
  arms: ArmStats[];
  differences: ShadowDifferences | null;
  controls?: { stop: FormAction; promote: FormAction; share: FormAction };
}) {
  const evaluation = rollout.evaluation as { drop_points?: number | null; z?: number | null; breach?: boolean; enough?: boolean } | null;
  const running = rollout.status === 'running';
  return (
    <div data-testid="rollout-panel" data-status={rollout.status}>
      <p>
        <strong>{rollout.kind === 'shadow' ? 'Shadow' : 'Canary'} of v{rollout.version}</strong> beside v{rollout.control_version}{' '}
        <span className={`badge ${STATUS_BADGE[rollout.status]}`}>{rollout.status === 'tripped' ? 'stopped by its guardrail' : rollout.status}</span>
        {rollout.kind === 'canary' && running && <> · {rollout.share_percent}% of traffic</>}
        <br />
        <span className="muted">
          started by {rollout.started_by} at {rollout.started_at.replace('T', ' ').slice(0, 19)} UTC
          {rollout.ended_at && <> · ended by {rollout.ended_by} at {rollout.ended_at.replace('T', ' ').slice(0, 19)} UTC</>}
        </span>
      </p>
      {rollout.kind === 'canary' && (
        <>
          <p className="muted">
            Guardrail: stops when the canary&apos;s approval rate is more than {rollout.max_drop_points} points below the control&apos;s, with at least{' '}
            {rollout.min_attempts} attempts per arm, judged every {rollout.window_seconds} s{rollout.auto_promote ? '; promotes itself after a window with no breach' : ''}.
          </p>
          <table className="table" data-testid="rollout-arms">
            <thead>
              <tr>
                <th>Arm</th>
                <th>Decisions</th>
                <th>Attempts reported</th>
                <th>Approved</th>
                <th>Approval rate</th>
              </tr>
            </thead>
            <tbody>
              {arms.map((arm) => (
                <tr key={arm.arm} data-testid={`arm-${arm.arm}`}>
                  <td>{arm.arm === 'canary' ? `canary (v${rollout.version})` : `control (v${rollout.control_version})`}</td>
                  <td>{arm.decisions}</td>
                  <td>{arm.attempts}</td>
                  <td>{arm.approved}</td>
                  <td>{percent(arm.approval_rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {evaluation && (
            <p data-testid="rollout-evaluation" className={evaluation.breach ? 'notice notice-error' : 'muted'}>
              Last judgement: {evaluation.enough ? `drop ${evaluation.drop_points?.toFixed(1)} points, z = ${evaluation.z?.toFixed(2)}` : 'not enough attempts yet'}
              {evaluation.breach ? ' — breach: the canary was stopped (share 0).' : '.'}
            </p>
          )}
        </>
      )}
      {differences && (
        <p data-testid="shadow-summary">
          {differences.compared === 0
            ? 'No decisions compared yet.'
            : `${differences.differing} of ${differences.compared} decisions differ (${percent(differences.share)}).`}{' '}
          <Link href={`/schemes/${rollout.scheme_id}/rollouts/${rollout.id}`}>Differences by (live → shadow), with examples</Link>
        </p>
      )}
      {controls && (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          {running && <ActionButton action={controls.stop} label="Stop" />}
          {rollout.status !== 'promoted' && <ActionButton action={controls.promote} label={`Promote v${rollout.version} to all traffic`} />}
          {running && rollout.kind === 'canary' && <ShareForm share={rollout.share_percent} action={controls.share} />}
        </div>
      )}
    </div>
  );
}
