import type { Metadata } from 'next';
import Link from 'next/link';
import { uiContext } from '@/lib/auth/ui-context';
import { TRAFFIC_WINDOWS, trafficDashboard, type TrafficWindow } from '@/lib/services/traffic';
import { count, duration, percent } from '@/lib/traffic/format';
import { BaselineFlags } from '@/components/traffic/baseline-flags';
import { DecisionsChart } from '@/components/traffic/decisions-chart';
import { LatencyChart } from '@/components/traffic/latency-chart';
import { ApprovalChart, ShareChart } from '@/components/traffic/processor-charts';
import { SegmentPanel } from '@/components/traffic/segment-panel';
import styles from '@/components/traffic/traffic.module.css';

export const metadata: Metadata = { title: 'Traffic' };
export const dynamic = 'force-dynamic';

const LABELS: Record<TrafficWindow, string> = { hour: 'Last hour', day: 'Last day', week: 'Last week' };

/** Live traffic from the decision log's rollups: decisions, shares, approvals, rescues, latency. Any signed-in user. */
export default async function TrafficPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = (await searchParams).window;
  const window: TrafficWindow = TRAFFIC_WINDOWS.find((w) => w === requested) ?? 'hour';
  const result = await trafficDashboard(await uiContext(), window);
  if (!result.ok) throw new Error(result.error.message);
  const { series, approvals, latency, baselines } = result.value;
  const sum = (key: 'routed' | 'blocked' | 'no_route') => series.points.reduce((total, p) => total + p[key], 0);
  const routed = sum('routed');
  const decisions = routed + sum('blocked') + sum('no_route');
  const attempts = approvals.processors.reduce((total, p) => total + p.attempts, 0);
  const approved = approvals.processors.reduce((total, p) => total + p.approved, 0);
  const rescued = approvals.processors.reduce((total, p) => total + p.rescued, 0);
  const flagged = new Set(baselines.filter((b) => b.flagged).map((b) => b.processor));
  const stats: [string, string, string][] = [
    ['decisions', count(decisions), 'Decisions'],
    ['blocked', count(sum('blocked')), 'Blocked'],
    ['no-route', count(sum('no_route')), 'No route'],
    ['attempts', count(attempts), 'Attempts reported'],
    ['approval', percent(attempts ? approved / attempts : null), 'Approval rate of attempts'],
    ['rescued', count(rescued), 'Approvals rescued by the cascade'],
    ['p50', duration(latency.p50_us), 'Decide latency p50'],
    ['p99', duration(latency.p99_us), 'Decide latency p99'],
  ];
  return (
    <>
      <div className="page-header">
        <h1>Traffic</h1>
        <nav className={styles.windows} aria-label="Window">
          {TRAFFIC_WINDOWS.map((w) => (
            <Link key={w} href={`/traffic?window=${w}`} aria-current={w === window ? 'page' : undefined}>
              {LABELS[w]}
            </Link>
          ))}
        </nav>
      </div>
      <p className="muted">
        Recorded decide answers and the attempts the payment backend reported for them, {LABELS[window].toLowerCase()} (UTC, from the per-{approvals.grain} rollups). See docs/traffic.md.
      </p>
      <BaselineFlags checks={baselines} />
      <div className="grid-cards" data-testid="traffic-stats">
        {stats.map(([id, value, label]) => (
          <div className="stat" key={id} data-testid={`stat-${id}`}>
            <div className="value">{value}</div>
            <div className="label">{label}</div>
          </div>
        ))}
      </div>
      <div className={styles.charts}>
        <section className="panel" data-testid="chart-decisions">
          <h2>Decisions per minute</h2>
          <DecisionsChart series={series} />
        </section>
        <section className="panel" data-testid="chart-share">
          <h2>Share per processor</h2>
          <ShareChart processors={approvals.processors} />
        </section>
        <section className="panel" data-testid="chart-approval">
          <h2>Approval rate per processor</h2>
          <ApprovalChart processors={approvals.processors} flagged={flagged} />
        </section>
        <section className="panel" data-testid="chart-latency">
          <h2>Decide latency</h2>
          <LatencyChart latency={latency} />
        </section>
      </div>
      <section className="panel">
        <h2>Approval rate by segment</h2>
        <SegmentPanel segments={approvals.segments} />
      </section>
      <section className="panel">
        <h2>Processors</h2>
        <div className="table-scroll">
          <table className="table" data-testid="traffic-processors">
            <thead>
              <tr><th>Processor</th><th>First choice</th><th>Share</th><th>Attempts</th><th>Approved</th><th>Rescued</th><th>Soft</th><th>Hard</th><th>Errors</th><th>Timeouts</th></tr>
            </thead>
            <tbody>
              {approvals.processors.map((p) => (
                <tr key={p.processor}>
                  <td><code>{p.processor}</code></td>
                  <td>{count(p.decisions)}</td>
                  <td>{percent(p.share)}</td>
                  <td>{count(p.attempts)}</td>
                  <td className={flagged.has(p.processor) ? styles.low : undefined}>{count(p.approved)} ({percent(p.approval_rate)})</td>
                  <td>{count(p.rescued)}</td>
                  <td>{count(p.soft_declined)}</td>
                  <td>{count(p.hard_declined)}</td>
                  <td>{count(p.processor_errors)}</td>
                  <td>{count(p.timeouts)}</td>
                </tr>
              ))}
              {approvals.processors.length === 0 && <tr><td colSpan={10} className="muted">No decisions recorded in this window.</td></tr>}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
