'use client';

import type { ImpactReport } from '@/lib/simulation/impact';
import { feeText } from './report-view';
import { ObservedComparison } from './observed-view';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const label = (decision: string) => (decision === 'blocked' ? 'blocked' : decision === 'no_route' ? 'no route' : decision);

/** Changed decisions grouped old → new with counts, shares and examples; the change in approval and fees. */
export function ImpactView({ impact, onExample }: { impact: ImpactReport; onExample?: (tx: Record<string, unknown>) => void }) {
  return (
    <section className="sy-sim-report" data-testid="impact-report" aria-label="Impact">
      <dl className="sy-sim-figures">
        <div><dt>Sample</dt><dd>{impact.total.toLocaleString('en')}</dd></div>
        <div><dt>Decisions changed</dt><dd data-testid="impact-changed">{impact.changed.toLocaleString('en')} ({pct(impact.changed_share)})</dd></div>
        <div><dt>Approval rate</dt><dd>{pct(impact.before.approval_rate)} → {pct(impact.after.approval_rate)} ({impact.approval_rate_change >= 0 ? '+' : ''}{(impact.approval_rate_change * 100).toFixed(2)} pt)</dd></div>
        <div><dt>Fees change</dt><dd>{feeText(Object.fromEntries(Object.entries(impact.fee_change).filter(([, v]) => v !== 0))) || 'none'}</dd></div>
      </dl>
      {impact.observed && <ObservedComparison observed={impact.observed} />}
      {impact.groups.length === 0 ? (
        <p className="notice" role="status">No decision changes on this sample.</p>
      ) : (
        <div className="table-scroll">
          <table className="table sy-sim-table" data-testid="impact-groups">
            <thead><tr><th>Before</th><th>After</th><th>Payments</th><th>Share</th><th>Examples</th></tr></thead>
            <tbody>
              {impact.groups.map((g) => (
                <tr key={`${g.from}→${g.to}`}>
                  <td><code>{label(g.from)}</code></td>
                  <td><code>{label(g.to)}</code></td>
                  <td>{g.count.toLocaleString('en')}</td>
                  <td>{pct(g.share)}</td>
                  <td className="sy-row">
                    {g.examples.map((tx, i) => {
                      const name = typeof tx.id === 'string' ? tx.id.slice(0, 18) : `example ${i + 1}`;
                      return onExample ? (
                        <button key={i} type="button" className="button small" onClick={() => onExample(tx)} title="Open in the dry run">{name}</button>
                      ) : (
                        <code key={i} title={JSON.stringify(tx)}>{name}</code>
                      );
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {impact.other_changed > 0 && <p className="muted">{impact.other_changed.toLocaleString('en')} more changed payments in smaller groups.</p>}
    </section>
  );
}
