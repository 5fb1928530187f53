'use client';

import { useStoreApi, useUpdateNodeInternals } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditor } from '../store-provider';

/**
 * When the layout direction changes, every node draws its handles on other sides, but React Flow
 * re-reads where a node's handles are only when the node resizes: a strategy keeps its size, so edges
 * would still end where its handle used to be. Re-reads the handles of the nodes in the page (a node
 * drawn later is read when it appears).
 */
export function useHandlesFollowDirection(): void {
  const direction = useEditor((s) => s.direction);
  const previous = useRef(direction);
  const flowStore = useStoreApi();
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (previous.current === direction) return;
    previous.current = direction;
    const drawn = flowStore.getState().domNode?.querySelectorAll<HTMLElement>('.react-flow__node') ?? [];
    updateNodeInternals([...drawn].map((element) => element.dataset.id!));
  }, [direction, flowStore, updateNodeInternals]);
}
