'use client';

import { useEditor } from '../store-provider';

/**
 * What a drawn node or branch shows of the heat map: each reads only its own count (a number, so a
 * node re-renders only when its count changes) and the run's total. Not derived into React Flow's
 * node and edge objects: showing a heat map would then hand React Flow 1,000 new nodes to adopt, of
 * which it draws a few.
 */
export interface Heat {
  hits: number;
  total: number;
}

const useHeatTotal = () => useEditor((s) => s.heat?.total ?? 0);

/** The node's hits in the heat map shown (0: never reached), or null when none is shown. */
export function useNodeHeat(id: string): Heat | null {
  const hits = useEditor((s) => (s.heat === null ? null : (s.heat.nodes[id] ?? 0)));
  const total = useHeatTotal();
  return hits === null ? null : { hits, total };
}

/** The branch's hits (edge id `<condition>:<yes|no>`), or null when no heat map is shown. */
export function useEdgeHeat(id: string): Heat | null {
  const hits = useEditor((s) => (s.heat === null ? null : (s.heat.edges[id] ?? 0)));
  const total = useHeatTotal();
  return hits === null ? null : { hits, total };
}
