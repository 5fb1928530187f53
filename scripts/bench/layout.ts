import { elkLayout } from '../../lib/graph/elk-layout';
import { treeLayout } from '../../lib/graph/tree-layout';
import { generateScheme } from './workload';

/**
 * Bench-only: the auto layout of one generated 1,001-node tree, top to bottom, by the tidy tree layout
 * and by ELK (what a tree got before, and what a non-tree scheme still gets), in the same run.
 */
export interface LayoutTimes {
  nodes: number;
  treeMs: number;
  elkMs: number;
}

export async function benchLayout(runs = { tree: 21, elk: 5 }): Promise<LayoutTimes> {
  const doc = generateScheme(1_001, 1_001);
  if (treeLayout(doc) === null) throw new Error('bench: the generated scheme is not a tree');
  await elkLayout(doc); // loads ELK
  const treeTimes: number[] = [];
  for (let i = 0; i < runs.tree; i++) {
    const start = performance.now();
    treeLayout(doc);
    treeTimes.push(performance.now() - start);
  }
  const elkTimes: number[] = [];
  for (let i = 0; i < runs.elk; i++) {
    const start = performance.now();
    await elkLayout(doc);
    elkTimes.push(performance.now() - start);
  }
  return { nodes: Object.keys(doc.nodes).length, treeMs: median(treeTimes), elkMs: median(elkTimes) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
