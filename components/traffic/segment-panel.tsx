'use client';

import { useState } from 'react';
import type { SegmentTraffic } from '@/lib/services/traffic';
import { count, percent } from '@/lib/traffic/format';
import { PercentBars, toPercent } from './percent-bars';
import { SEGMENT_DIMENSIONS, SEGMENT_LABELS, type SegmentDimension } from '@/lib/traffic/segments';
import styles from './traffic.module.css';

const SHOWN = 12;
const valueName = (value: string) => (value === '' ? '(none)' : value);

/** Approval rate by segment value (currency, card country, brand, method), and per processor within each. */
export function SegmentPanel({ segments }: { segments: Readonly<Record<SegmentDimension, readonly SegmentTraffic[]>> }) {
  const [dimension, setDimension] = useState<SegmentDimension>('currency');
  const rows = segments[dimension].slice(0, SHOWN);
  const bars = rows.filter((r) => r.attempts > 0).map((r) => ({ name: valueName(r.value), percent: toPercent(r.approval_rate ?? 0), colour: '#0ea5e9' }));
  return (
    <div data-testid="traffic-segments">
      <div className={styles.segmentTabs} role="group" aria-label="Segment">
        {SEGMENT_DIMENSIONS.map((d) => (
          <button key={d} type="button" aria-pressed={d === dimension} onClick={() => setDimension(d)}>
            {SEGMENT_LABELS[d]}
          </button>
        ))}
      </div>
      {bars.length > 0 && <PercentBars bars={bars} label="approval" />}
      <div className="table-scroll">
        <table className="table">
          <thead><tr><th>{SEGMENT_LABELS[dimension]}</th><th>Decisions</th><th>Attempts</th><th>Approved</th><th>Per processor</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value}>
                <td><code>{valueName(r.value)}</code></td>
                <td>{count(r.decisions)}</td>
                <td>{count(r.attempts)}</td>
                <td>{percent(r.approval_rate)}</td>
                <td>{r.by_processor.filter((p) => p.attempts > 0).map((p) => `${p.processor} ${percent(p.approval_rate)} of ${count(p.attempts)}`).join(' · ') || '—'}</td>
              </tr>
            ))}
            {rows.length === 0 && <tr><td colSpan={5} className="muted">No decisions in this window.</td></tr>}
          </tbody>
        </table>
      </div>
    </div>
  );
}
