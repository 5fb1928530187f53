'use client';

import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { deriveCanvas, emptyCanvasCache, type CanvasView } from '@/lib/editor/canvas-model';
import { useEditor } from '../store-provider';

/** React Flow's nodes and edges, derived from the document and the view state with stable identities. */
export function useCanvasElements() {
  const doc = useEditor((s) => s.history.present);
  const view: CanvasView = useEditor(
    useShallow((s) => ({
      selection: s.selection,
      edgeSelection: s.edgeSelection,
      dragPositions: s.dragPositions,
      autoPositions: s.autoPositions,
      measured: s.measured,
      direction: s.direction,
      problems: s.problems,
      trace: s.trace,
    })),
  );
  const cache = useRef(emptyCanvasCache());
  return useMemo(() => deriveCanvas(doc, view, cache.current), [doc, view]);
}
