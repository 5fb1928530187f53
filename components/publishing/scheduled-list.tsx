import { ActionButton } from '@/components/schemes/name-form';
import type { FormState } from '@/lib/forms/form-state';
import { formatInZone } from '@/lib/schedule/local-time';
import { formatSpan } from '@/lib/schedule/duration';
import type { ScheduledChange } from '@/lib/services/scheduled-changes';

const STATUS_BADGE: Record<ScheduledChange['status'], string> = { pending: 'badge-warn', done: 'badge-active', cancelled: 'badge-disabled', failed: 'badge-down' };

/** A scheme's scheduled activations: pending ones (soonest first) with Cancel, then the latest finished with what happened. */
export function ScheduledList({ changes, now, cancel }: {
  changes: readonly ScheduledChange[];
  now: number;
  /** Cancel actions by change id; absent for a role that may not cancel. */
  cancel?: Record<string, (state: FormState, form: FormData) => Promise<FormState>>;
}) {
  if (changes.length === 0) return <p className="muted">Nothing scheduled.</p>;
  return (
    <table className="table" data-testid="scheduled-changes">
      <thead>
        <tr>
          <th>When</th>
          <th>Change</th>
          <th>Status</th>
          <th>By</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const at = new Date(c.run_at);
          const left = at.getTime() - now;
          return (
            <tr key={c.id} data-testid={`scheduled-${c.id}`} data-status={c.status}>
              <td>
                <strong>{c.local_time ? `${c.local_time.replace('T', ' ')} ${c.zone}` : formatInZone(at, c.zone)}</strong>
                <div className="muted">
                  {formatInZone(at, 'UTC')}
                  {c.status === 'pending' && (left > 0 ? ` · in ${formatSpan(left)}` : ' · due: runs at the next tick')}
                </div>
              </td>
              <td>make v{String(c.payload.version)} live</td>
              <td>
                <span className={`badge ${STATUS_BADGE[c.status]}`}>{c.status}</span>
                {c.result && <div className="muted" data-testid="scheduled-result">{c.result}</div>}
              </td>
              <td>{c.scheduled_by}</td>
              <td className="actions">{c.status === 'pending' && cancel?.[c.id] && <ActionButton action={cancel[c.id]!} label="Cancel" />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
