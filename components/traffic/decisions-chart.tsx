'use client';

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DecisionSeries } from '@/lib/services/traffic';
import { bucketLabel } from '@/lib/traffic/format';

/** Decisions per minute by outcome (for hour buckets, the hour's average per minute). */
export function DecisionsChart({ series }: { series: DecisionSeries }) {
  const minutes = series.bucket_ms / 60_000;
  const per = (x: number) => Math.round((x / minutes) * 10) / 10;
  const data = series.points.map((p) => ({ time: bucketLabel(p.t, series.bucket_ms), routed: per(p.routed), blocked: per(p.blocked), 'no route': per(p.no_route) }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <AreaChart data={data} margin={{ left: 0, right: 12, top: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="time" tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis tick={{ fontSize: 11 }} width={48} />
        <Tooltip />
        <Legend />
        <Area type="monotone" dataKey="routed" stackId="1" stroke="#6366f1" fill="#c7d2fe" isAnimationActive={false} />
        <Area type="monotone" dataKey="blocked" stackId="1" stroke="#dc2626" fill="#fecaca" isAnimationActive={false} />
        <Area type="monotone" dataKey="no route" stackId="1" stroke="#d97706" fill="#fde68a" isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
