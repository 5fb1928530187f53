'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LatencySummary } from '@/lib/services/traffic';
import { bucketLabel } from '@/lib/traffic/format';

/** Decide latency p50 and p99 per bucket, in microseconds. */
export function LatencyChart({ latency }: { latency: LatencySummary }) {
  const data = latency.points.map((p) => ({ time: bucketLabel(p.t, latency.bucket_ms), p50: p.p50_us === null ? null : Math.round(p.p50_us), p99: p.p99_us === null ? null : Math.round(p.p99_us) }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} margin={{ left: 0, right: 12, top: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="time" tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis tick={{ fontSize: 11 }} width={56} unit=" µs" />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey="p50" stroke="#6366f1" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        <Line type="monotone" dataKey="p99" stroke="#f97316" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
