'use client';

import { useEffect, useRef } from 'react';
import { autoLayout, isFullyPlaced } from '@/lib/graph';
import { useEditor, useEditorStore } from '../store-provider';

/**
 * Nodes the document does not place are shown where the auto layout puts them, without editing the
 * document (the store's `autoPositions`). `afterFirst` runs once, in the frame after the first answer.
 */
export function useAutoPositions(afterFirst?: () => void) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.history.present);
  const direction = useEditor((s) => s.direction);
  const placed = isFullyPlaced(doc);
  const first = useRef(afterFirst);
  useEffect(() => {
    if (placed) return;
    let current = true;
    void autoLayout(doc, { direction, sizes: store.getState().measured }).then((positions) => {
      if (!current) return;
      store.getState().setAutoPositions(positions);
      const once = first.current;
      first.current = undefined;
      if (once) requestAnimationFrame(once);
    });
    return () => {
      current = false;
    };
    // Only the set of nodes matters for where unplaced ones go; node contents do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [placed, Object.keys(doc.nodes).join('\n'), direction]);
}
