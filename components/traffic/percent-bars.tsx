'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

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
