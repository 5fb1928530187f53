'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BatchReport } from '@/lib/simulation/report';
import { useEditorStore } from '../store-provider';
import { ObservedSummary } from './observed-view';

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const num = (x: number) => x.toLocaleString('en');

/** A batch report as charts and tables: shares per processor and leaf, outcomes, cascade rescues, fees, what was not routed or reached. */
export function ReportView({ report }: { report: BatchReport }) {
  const store = useEditorStore();
  const routed = report.total - report.outcomes.blocked - report.outcomes.no_route;
  const shares = report.processors.map((p) => ({
    processor: p.processor,
    'first choice': Math.round(p.first_choice_share * 1000) / 10,
    'after cascade': routed > 0 ? Math.round((p.final / routed) * 1000) / 10 : 0,
  }));
  const leaves = report.leaves.map((l) => ({ node: l.node, share: Math.round(l.share * 1000) / 10 }));
  const rescued = report.processors.reduce((sum, p) => sum + p.approved_after_cascade, 0);
  return (
    <div className="sy-sim-report" data-testid="sim-report">
      <dl className="sy-sim-figures">
        <div><dt>Payments</dt><dd>{num(report.total)}</dd></div>
        <div><dt>Approval rate</dt><dd data-testid="sim-approval">{pct(report.approval_rate)}</dd></div>
        <div><dt>Of routed</dt><dd>{pct(report.routed_approval_rate)}</dd></div>
        <div><dt>Rescued by cascade</dt><dd>{num(rescued)}</dd></div>
        <div><dt>Attempts / payment</dt><dd>{report.average_attempts}</dd></div>
      </dl>
      {report.observed && <ObservedSummary estimate={report.observed} />}
      {report.observed && <p className="muted">The figures above draw outcomes from the processors&apos; approval models; the estimate from observed outcomes is the one to trust for a replay.</p>}

      <h4>Share per processor (% of routed)</h4>
      <div className="sy-sim-chart" data-testid="chart-processors">
        <ResponsiveContainer width="100%" height={Math.max(140, 34 * shares.length + 50)}>
          <BarChart data={shares} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" unit="%" domain={[0, 100]} />
            <YAxis type="category" dataKey="processor" width={110} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend />
            <Bar dataKey="first choice" fill="#6366f1" isAnimationActive={false} />
            <Bar dataKey="after cascade" fill="#f97316" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>

      <h4>Share per leaf (% of payments)</h4>
      <div className="sy-sim-chart" data-testid="chart-leaves">
        <ResponsiveContainer width="100%" height={Math.max(120, 26 * leaves.length + 40)}>
          <BarChart data={leaves} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" unit="%" />
            <YAxis type="category" dataKey="node" width={110} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar dataKey="share" fill="#0ea5e9" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>

      <h4>Outcomes</h4>
      <table className="table sy-sim-table">
        <tbody>
          {Object.entries(report.statuses).map(([status, count]) => (
            <tr key={status}><th scope="row">{status.replace('_', ' ')}</th><td>{num(count)}</td><td>{pct(report.total ? count / report.total : 0)}</td></tr>
          ))}
        </tbody>
      </table>

      <h4>Processors</h4>
      <div className="table-scroll">
        <table className="table sy-sim-table" data-testid="sim-processors">
          <thead><tr><th>Processor</th><th>First</th><th>Attempts</th><th>Approved</th><th>Rescued</th><th>Fees</th></tr></thead>
          <tbody>
            {report.processors.map((p) => (
              <tr key={p.processor}>
                <td><code>{p.processor}</code></td>
                <td>{num(p.first_choice)}</td>
                <td>{num(p.attempts)}</td>
                <td>{num(p.approved)} ({pct(p.attempts ? p.approved / p.attempts : 0)})</td>
                <td>{num(p.approved_after_cascade)}</td>
                <td>{feeText(p.fees)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">Estimated fees in all: {feeText(report.fees) || 'none'}.</p>

      {report.not_routed.length > 0 && (
        <>
          <h4>Blocked and not routed</h4>
          <table className="table sy-sim-table" data-testid="sim-not-routed">
            <tbody>
              {report.not_routed.map((r) => (
                <tr key={`${r.outcome}:${r.node}`}>
                  <td>{r.outcome === 'blocked' ? 'blocked' : 'no route'}</td>
                  <td>{r.node && <button type="button" className="link-button" onClick={() => store.getState().requestFocus({ node: r.node! })}>{r.node}</button>}</td>
                  <td>{r.reason}</td>
                  <td>{num(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h4>Never reached</h4>
      {report.unreached_nodes.length === 0 ? (
        <p className="muted">Every node was reached.</p>
      ) : (
        <ul className="sy-sim-unreached" data-testid="sim-unreached">
          {report.unreached_nodes.map((node) => (
            <li key={node}>
              <button type="button" className="link-button" onClick={() => store.getState().requestFocus({ node })}>{node}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function feeText(fees: Record<string, number>): string {
  return Object.entries(fees).map(([currency, amount]) => `${amount.toLocaleString('en', { maximumFractionDigits: 2 })} ${currency}`).join(', ');
}
