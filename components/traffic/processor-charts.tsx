'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProcessorTraffic } from '@/lib/services/traffic';

const height = (rows: number) => Math.max(140, 32 * rows + 50);

/** Share of routed decisions per first-choice processor. */
export function ShareChart({ processors }: { processors: readonly ProcessorTraffic[] }) {
  const data = processors.filter((p) => p.decisions > 0).map((p) => ({ processor: p.processor, share: Math.round(p.share * 1000) / 10 }));
  if (data.length === 0) return <p className="muted">No routed decisions in this window.</p>;
  return (
    <ResponsiveContainer width="100%" height={height(data.length)}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" unit="%" domain={[0, 100]} tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="processor" width={120} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Bar dataKey="share" fill="#6366f1" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Approval rate of reported attempts per processor; a flagged processor in red. */
export function ApprovalChart({ processors, flagged }: { processors: readonly ProcessorTraffic[]; flagged: ReadonlySet<string> }) {
  const data = processors.filter((p) => p.attempts > 0).map((p) => ({ processor: p.processor, approval: Math.round((p.approval_rate ?? 0) * 1000) / 10, attempts: p.attempts }));
  if (data.length === 0) return <p className="muted">No attempts reported in this window (POST /api/v1/decisions/&#123;id&#125;/attempts).</p>;
  return (
    <ResponsiveContainer width="100%" height={height(data.length)}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" unit="%" domain={[0, 100]} tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="processor" width={120} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Bar dataKey="approval" isAnimationActive={false}>
          {data.map((d) => <Cell key={d.processor} fill={flagged.has(d.processor) ? '#dc2626' : '#16a34a'} />)}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
