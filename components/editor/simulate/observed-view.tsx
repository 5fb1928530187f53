'use client';

import type { CellUse, ObservedEstimate } from '@/lib/traffic/observed-estimate';
import { count, percent } from '@/lib/traffic/format';
import { SEGMENT_LABELS } from '@/lib/traffic/segments';

const interval = (e: { low: number | null; high: number | null }) => (e.low === null || e.high === null ? '' : `${percent(e.low)} – ${percent(e.high)}`);
const valueName = (value: string) => (value === '' ? '(none)' : value);

/** The approval a replay estimates from observed outcomes, with its interval and what it cannot estimate. */
export function ObservedSummary({ estimate, label }: { estimate: ObservedEstimate; label?: string }) {
  const segment = SEGMENT_LABELS[estimate.dimension].toLowerCase();
  return (
    <div className="sy-sim-observed" data-testid="observed-estimate">
      <p>
        {label && <strong>{label}: </strong>}
        Estimated approval from observed outcomes <strong data-testid="observed-rate">{percent(estimate.approval_rate)}</strong>
        {estimate.low !== null && <> (95% interval {interval(estimate)})</>}, on {count(estimate.estimated)} of {count(estimate.payments)} payments, per processor and {segment}.
      </p>
      {estimate.unknown > 0 && (
        <p className="notice" role="status" data-testid="observed-unknown">
          {count(estimate.unknown)} payment{estimate.unknown === 1 ? '' : 's'} ({percent(estimate.unknown / estimate.payments)}) would go first to a processor with no observed attempts in their {segment}: their approval is unknown, and not in the estimate.
        </p>
      )}
      {estimate.partial > 0 && (
        <p className="muted">{count(estimate.partial)} could cascade to a processor with no observed data: the estimate counts only the attempts before it, the interval&apos;s top counts the rest as approved.</p>
      )}
      <CellTable cells={estimate.cells} segment={segment} caption="First attempts go to" />
      {estimate.unknown_cells.length > 0 && <CellTable cells={estimate.unknown_cells} segment={segment} caption="No observed data" />}
    </div>
  );
}

function CellTable({ cells, segment, caption }: { cells: readonly CellUse[]; segment: string; caption: string }) {
  if (cells.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="table sy-sim-table">
        <caption className="muted">{caption}</caption>
        <thead><tr><th>Processor</th><th>{segment}</th><th>Payments</th><th>Observed attempts</th><th>Approval</th><th>95% interval</th></tr></thead>
        <tbody>
          {cells.map((c) => (
            <tr key={`${c.processor}:${c.value}`}>
              <td><code>{c.processor}</code></td>
              <td>{valueName(c.value)}</td>
              <td>{count(c.payments)}</td>
              <td>{count(c.observed_attempts)}</td>
              <td>{c.observed_rate === null ? 'unknown' : percent(c.observed_rate)}</td>
              <td>{interval(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Before and after of an impact replay, side by side. */
export function ObservedComparison({ observed }: { observed: { before: ObservedEstimate; after: ObservedEstimate } }) {
  const { before, after } = observed;
  const change = before.approval_rate !== null && after.approval_rate !== null ? after.approval_rate - before.approval_rate : null;
  return (
    <section aria-label="Observed approval" data-testid="observed-comparison">
      <h4>Approval from observed outcomes</h4>
      <p>
        {percent(before.approval_rate)} → {percent(after.approval_rate)}
        {change !== null && <> ({change >= 0 ? '+' : ''}{(change * 100).toFixed(2)} pt)</>}
      </p>
      <ObservedSummary estimate={before} label="Before" />
      <ObservedSummary estimate={after} label="After" />
    </section>
  );
}
