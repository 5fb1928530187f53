import { formatInZone } from '@/lib/schedule/local-time';
import { formatSpan } from '@/lib/schedule/duration';
import type { ScheduledChange } from '@/lib/services/scheduled-changes';

/** "Drained until 14:30 (in 1 h 52 min)" with End now; the time on the account's clock. */
export function DrainStatus({ drain, zone, now, end }: {
  drain: ScheduledChange;
  zone: string;
  now: number;
  /** Absent for a role that may not change the status. */
  end?: (form: FormData) => Promise<void>;
}) {
  const until = new Date(drain.run_at);
  const left = until.getTime() - now;
  return (
    <div className="drain-status" data-testid="drain-status">
      <span>
        drained until <time dateTime={drain.run_at} title={`${drain.run_at.slice(0, 16).replace('T', ' ')} UTC`}>{formatInZone(until, zone)}</time>{' '}
        <span className="muted">({left > 0 ? `in ${formatSpan(left)}` : 'ending now'}; by {drain.scheduled_by})</span>
      </span>
      {end && (
        <form action={end} className="inline-form">
          <button type="submit" className="button small" data-testid="drain-end-now">
            End now
          </button>
        </form>
      )}
    </div>
  );
}
