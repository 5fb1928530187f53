'use client';

import { countOf } from '../validation/counts';
import { useEditor, useEditorStore } from '../store-provider';

/** Says that unapplied JSON text was set aside by a change from elsewhere, and offers it back. */
export function KeptJsonBanner() {
  const kept = useEditor((s) => s.keptJson);
  const store = useEditorStore();
  if (!kept) return null;
  return (
    <div className="notice sy-kept-json" role="status" data-testid="kept-json">
      <span>
        Your unapplied JSON text ({countOf(kept.problems.length, 'problem')}) was kept when the document changed elsewhere.
      </span>
      <button type="button" className="button small" onClick={() => store.getState().restoreKeptJson()}>
        Restore it
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => {
          if (window.confirm('Discard your unapplied JSON text? It cannot be brought back.')) store.getState().discardKeptJson();
        }}
      >
        Discard
      </button>
    </div>
  );
}
