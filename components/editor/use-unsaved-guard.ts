'use client';

import { useEffect } from 'react';
import { selectDirty } from './store';
import { useEditorStore } from './store-provider';

export const LEAVE_QUESTION = 'This scheme has unsaved changes. Leave and lose them?';

/**
 * While the document has unsaved changes, closing or reloading the tab asks first (beforeunload), and
 * so does following a link inside the app (a capture listener runs before the link's own navigation).
 */
export function useUnsavedGuard() {
  const store = useEditorStore();
  useEffect(() => {
    const dirty = () => selectDirty(store.getState());
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (!dirty() || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link || link.target === '_blank' || link.hasAttribute('download')) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      if (window.confirm(LEAVE_QUESTION)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [store]);
}
