import type { BaselineCheck } from '@/lib/traffic/baseline';
import { count, percent } from '@/lib/traffic/format';
import styles from './traffic.module.css';

/** Processors whose approval rate in the last hour is clearly below their own 7-day baseline. */
export function BaselineFlags({ checks }: { checks: readonly BaselineCheck[] }) {
  const flagged = checks.filter((c) => c.flagged);
  if (flagged.length === 0) return null;
  return (
    <section className={`panel ${styles.flag}`} data-testid="traffic-flags" role="status">
      <h2>Approval rate below its baseline</h2>
      <ul>
        {flagged.map((c) => (
          <li key={c.processor}>
            <code>{c.processor}</code>: {percent(c.recent_rate)} of {count(c.recent.attempts)} attempts in the last hour, against {percent(c.baseline_rate)} of{' '}
            {count(c.baseline.attempts)} over the 7 days before (z = {c.z!.toFixed(2)}, one-sided p {c.p_value! < 0.0001 ? '< 0.0001' : `= ${c.p_value!.toFixed(4)}`}).
          </li>
        ))}
      </ul>
      <p className="muted">Two-proportion z-test: flagged at z ≤ −3.09 (p ≤ 0.001) with at least 100 recent and 500 baseline attempts and a drop of 3 points or more.</p>
    </section>
  );
}
