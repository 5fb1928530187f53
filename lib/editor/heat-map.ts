import type { BatchReport } from '../simulation/report';

/**
 * A batch run drawn on the graph: hits per node and per branch. A view (like the dry-run path),
 * never part of the document.
 */
export interface HeatMap {
  /** Transactions in the run. */
  total: number;
  nodes: Readonly<Record<string, number>>;
  /** `<condition>:yes` / `<condition>:no` → transactions that took that branch. */
  edges: Readonly<Record<string, number>>;
  /** What the heat map shows, e.g. "run of 1,000,000 synthetic payments". */
  label: string;
}

export function heatMapOf(report: Pick<BatchReport, 'total' | 'node_hits' | 'edge_hits'>, label: string): HeatMap {
  return { total: report.total, nodes: report.node_hits, edges: report.edge_hits ?? {}, label };
}

/** 0: never reached; 1–5: share of the run, on a square-root scale so small branches stay visible. */
function heatLevel(hits: number, total: number): number {
  if (hits <= 0 || total <= 0) return 0;
  return Math.max(1, Math.min(5, Math.ceil(Math.sqrt(hits / total) * 5)));
}

/** A node's class in a heat map: `heat-none` when never reached, else `heat-1`…`heat-5`. */
export const nodeHeatClass = (hits: number, total: number) => (hits === 0 ? 'heat-none' : `heat-${heatLevel(hits, total)}`);

/** A branch's class in a heat map, `edge-heat-0`…`edge-heat-5`: its width (0: dashed, never taken). */
export const edgeHeatClass = (hits: number, total: number) => `edge-heat-${heatLevel(hits, total)}`;

/** 1234 → "1.2k", 2_500_000 → "2.5M": short enough for an edge label. */
export function shortCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

const trim = (x: number) => (x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10));

/** "12,345 payments (12.3%)" for a hover. */
export function describeHits(hits: number, total: number): string {
  const share = total > 0 ? Math.round((hits / total) * 1000) / 10 : 0;
  return `${hits.toLocaleString('en')} payment${hits === 1 ? '' : 's'} (${share}%)`;
}
