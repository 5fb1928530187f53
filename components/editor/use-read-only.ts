'use client';

import { useEffect } from 'react';
import { useEditor, useEditorStore } from './store-provider';

/** Below this width the editor shows the scheme read-only: the graph full width, the panels under it. */
export const EDITING_MIN_WIDTH_PX = 760;

/** Keeps the store's `readOnly` in step with the screen width; answers whether it is read-only now. */
export function useReadOnlyOnNarrowScreens(): boolean {
  const store = useEditorStore();
  useEffect(() => {
    const query = window.matchMedia(`(max-width: ${EDITING_MIN_WIDTH_PX - 1}px)`);
    const follow = () => store.getState().setReadOnly(query.matches);
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [store]);
  return useEditor((s) => s.readOnly);
}
