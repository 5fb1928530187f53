/** The editor benchmark's table: one row per metric, editor and baseline side by side, PASS/FAIL per target. */

export interface Row {
  metric: string;
  editor: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null: no target (shown for information). */
  pass: boolean | null;
}

export const fmtMs = (ms: number) => `${ms.toLocaleString('en-US', { maximumFractionDigits: ms < 100 ? 1 : 0 })} ms`;

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "median (min–max, n=…)" for several samples, the value alone for one. */
export function spread(values: readonly number[], unit = fmtMs): string {
  if (values.length === 1) return unit(values[0]!);
  return `${unit(median(values))} (${unit(Math.min(...values)).replace(/ ms$/, '')}–${unit(Math.max(...values))}, n=${values.length})`;
}

export function printTable(rows: readonly Row[]): void {
  const header = ['metric', 'editor', 'baseline', 'ratio', 'target', 'result'];
  const lines = rows.map((r) => [r.metric, r.editor, r.baseline, r.ratio, r.target, r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(line(l));
}
