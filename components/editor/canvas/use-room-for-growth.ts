'use client';

import { useReactFlow } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import { moveOperation } from '@/lib/graph';
import { pushBelow } from '@/lib/graph/push-below';
import type { SchemeNode } from '@/lib/scheme/schema';
import { useEditorStore } from '../store-provider';

/** Heights that change by less than this are rounding, not growth. */
const GROWTH_PX = 4;

/**
 * Returns what to call with newly measured node sizes: a node that grew because it was edited (a rule
 * added) and now covers nodes under it pushes them down, as part of the edit's undo step. Growth that
 * is not an edit (a dry run showing what a condition read) moves nothing.
 */
export function useRoomForGrowth(): (measured: Readonly<Record<string, { width: number; height: number }>>) => void {
  const store = useEditorStore();
  const flow = useReactFlow();
  // The node as it was when last measured: a new object since then means it was edited.
  const measuredNodes = useRef(new Map<string, SchemeNode>());
  return useCallback((measured) => {
    const state = store.getState();
    const doc = state.history.present;
    const seen = measuredNodes.current;
    for (const [id, size] of Object.entries(measured)) {
      const before = state.measured[id];
      const node = doc.nodes[id];
      const edited = node !== undefined && seen.has(id) && seen.get(id) !== node;
      if (node) seen.set(id, node);
      if (!before || !edited || state.readOnly || size.height < before.height + GROWTH_PX) continue;
      const positions = Object.fromEntries(flow.getNodes().map((n) => [n.id, n.position]));
      const sizes = { ...state.measured, ...measured };
      const moves = pushBelow(doc, { id, before: before.height, after: size.height }, positions, sizes, state.direction);
      if (moves) state.amendLastEdit(moveOperation(moves));
    }
  }, [store, flow]);
}
