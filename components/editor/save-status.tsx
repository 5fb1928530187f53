'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useEditorActions } from './actions-context';
import { selectDirty } from './store';
import { useEditor, useEditorStore } from './store-provider';

/** Unsaved / saved marker next to the name. */
export function DirtyMarker() {
  const dirty = useEditor(selectDirty);
  const revision = useEditor((s) => s.revision);
  const status = useEditor((s) => s.saveStatus);
  if (dirty) {
    return (
      <span className="sy-dirty" data-testid="dirty-marker" title="Changes since the last save">
        ● Unsaved changes
      </span>
    );
  }
  return (
    <span className="sy-clean muted" data-testid="saved-marker">
      {status.kind === 'saved' ? 'Saved' : 'Draft'} · revision {revision}
    </span>
  );
}

/**
 * What became of the last save when it did not simply work: a conflict (with reload / keep a copy),
 * a document the format refuses (with every path), or an error.
 */
export function SaveProblems() {
  const status = useEditor((s) => s.saveStatus);
  const store = useEditorStore();
  const actions = useEditorActions();
  const router = useRouter();
  const [copyError, setCopyError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dismiss = () => store.getState().setSaveStatus({ kind: 'idle' });

  if (status.kind === 'conflict') {
    const reload = () => {
      // Theirs wins: forget ours so the guard does not ask again, then load the page afresh.
      const state = store.getState();
      state.markSaved(state.history.present, state.revision);
      window.location.reload();
    };
    const keepCopy = async () => {
      setBusy(true);
      setCopyError(null);
      const state = store.getState();
      const outcome = await actions.saveAsCopy(state.schemeId, state.history.present).catch((error: Error) => ({ status: 'error' as const, message: error.message }));
      setBusy(false);
      if (outcome.status === 'copied') {
        state.markSaved(state.history.present, state.revision);
        router.push(`/schemes/${outcome.id}`);
      } else {
        setCopyError(outcome.message);
      }
    };
    return (
      <div className="sy-modal-backdrop">
        <div className="sy-modal" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="save-conflict">
          <h2 id="conflict-title">Someone else saved this draft</h2>
          <p>{status.message}</p>
          <p>Your changes were not saved, and theirs were not overwritten. Choose what to keep:</p>
          {copyError && <p className="notice notice-error">{copyError}</p>}
          <div className="sy-modal-actions">
            <button type="button" className="button" onClick={reload} disabled={busy}>
              Reload theirs (discard mine)
            </button>
            <button type="button" className="button primary" onClick={() => void keepCopy()} disabled={busy}>
              {busy ? 'Saving a copy…' : 'Keep mine as a copy'}
            </button>
            <button type="button" className="button" onClick={dismiss} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      </div>
    );
  }
  if (status.kind === 'invalid' || status.kind === 'error') {
    return (
      <div className="notice notice-error sy-save-error" role="alert" data-testid="save-error">
        <strong>Not saved.</strong> {status.message}
        {status.kind === 'invalid' && status.lines.length > 0 && (
          <ul>
            {status.lines.slice(0, 20).map((line) => (
              <li key={line}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="button small" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}
