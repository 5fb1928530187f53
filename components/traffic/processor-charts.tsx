'use client';

import type { ProcessorTraffic } from '@/lib/services/traffic';
import { PercentBars, toPercent } from './percent-bars';

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
