'use client';

import type { RunRecord } from '@/lib/services/simulation-runs';
import { describeTarget, inputText } from '@/lib/simulation/run-request';
import { feeText } from './report-view';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const delta = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} pt`;

/** Two stored runs side by side: headline figures, and each processor's share and approvals. */
export function RunCompare({ a, b, onClose }: { a: RunRecord; b: RunRecord; onClose: () => void }) {
  const rows: [string, string, string, string][] = [
    ['Document', describeTarget(a.target), describeTarget(b.target), ''],
    ['Input', inputText(a), inputText(b), ''],
    ['Payments', a.report.total.toLocaleString('en'), b.report.total.toLocaleString('en'), ''],
    ['Approval rate', pct(a.report.approval_rate), pct(b.report.approval_rate), delta(b.report.approval_rate - a.report.approval_rate)],
    ['Of routed', pct(a.report.routed_approval_rate), pct(b.report.routed_approval_rate), delta(b.report.routed_approval_rate - a.report.routed_approval_rate)],
    ['Blocked', String(a.report.outcomes.blocked), String(b.report.outcomes.blocked), ''],
    ['No route', String(a.report.outcomes.no_route), String(b.report.outcomes.no_route), ''],
    ['Fees', feeText(a.report.fees), feeText(b.report.fees), ''],
  ];
  const processors = [...new Set([...a.report.processors, ...b.report.processors].map((p) => p.processor))];
  const share = (run: RunRecord, id: string) => run.report.processors.find((p) => p.processor === id)?.first_choice_share ?? 0;
  return (
    <section className="sy-sim-compare" data-testid="sim-compare" aria-label="Two runs compared">
      <div className="sy-row">
        <h4>Compared</h4>
        <span className="sy-grow" />
        <button type="button" className="button small" onClick={onClose}>Close</button>
      </div>
      <div className="table-scroll">
        <table className="table sy-sim-table">
          <thead><tr><th /><th>A · {new Date(a.created_at).toLocaleTimeString('en-GB')}</th><th>B · {new Date(b.created_at).toLocaleTimeString('en-GB')}</th><th>B − A</th></tr></thead>
          <tbody>
            {rows.map(([label, x, y, d]) => (
              <tr key={label}><th scope="row">{label}</th><td>{x}</td><td>{y}</td><td>{d}</td></tr>
            ))}
            {processors.map((id) => (
              <tr key={id}>
                <th scope="row">First choice <code>{id}</code></th>
                <td>{pct(share(a, id))}</td>
                <td>{pct(share(b, id))}</td>
                <td>{delta(share(b, id) - share(a, id))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
