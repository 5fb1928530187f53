'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProcessorTraffic } from '@/lib/services/traffic';

export interface PercentBar {
  /** What the bar is for: a processor, a segment value. */
  name: string;
  percent: number;
  colour: string;
}

/** One horizontal bar per processor or segment value on a 0–100% axis. */
export function PercentBars({ bars, label }: { bars: readonly PercentBar[]; label: string }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, 32 * bars.length + 50)}>
      <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" unit="%" domain={[0, 100]} tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Bar dataKey="percent" name={label} isAnimationActive={false}>
          {bars.map((b) => <Cell key={b.name} fill={b.colour} />)}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** A fraction as a percentage with one decimal, for a bar. */
export const toPercent = (fraction: number) => Math.round(fraction * 1000) / 10;

/** Share of routed decisions per first-choice processor. */
export function ShareChart({ processors }: { processors: readonly ProcessorTraffic[] }) {
  const bars = processors.filter((p) => p.decisions > 0).map((p) => ({ name: p.processor, percent: toPercent(p.share), colour: '#6366f1' }));
  if (bars.length === 0) return <p className="muted">No routed decisions in this window.</p>;
  return <PercentBars bars={bars} label="share" />;
}

/** Approval rate of reported attempts per processor; a flagged processor in red. */
export function ApprovalChart({ processors, flagged }: { processors: readonly ProcessorTraffic[]; flagged: ReadonlySet<string> }) {
  const bars = processors
    .filter((p) => p.attempts > 0)
    .map((p) => ({ name: p.processor, percent: toPercent(p.approval_rate ?? 0), colour: flagged.has(p.processor) ? '#dc2626' : '#16a34a' }));
  if (bars.length === 0) return <p className="muted">No attempts reported in this window (POST /api/v1/decisions/&#123;id&#125;/attempts).</p>;
  return <PercentBars bars={bars} label="approval" />;
}
