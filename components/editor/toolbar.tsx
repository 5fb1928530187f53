'use client';

import { useEditor, useEditorStore } from './store-provider';
import type { EditorCommands } from './use-editor-commands';
import { selectDirty } from './store';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The editor's buttons; each names its shortcut in its tooltip. */
export function Toolbar({ commands }: { commands: EditorCommands }) {
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const hasSelection = useEditor((s) => s.selection.length > 0 || s.edgeSelection.length > 0);
  const hasNodes = useEditor((s) => s.selection.length > 0);
  const direction = useEditor((s) => s.direction);
  const dirty = useEditor(selectDirty);
  const saving = useEditor((s) => s.saveStatus.kind === 'saving');
  const onGraph = useEditor((s) => s.tab === 'graph');
  const minimap = useEditor((s) => s.minimap);
  const store = useEditorStore();
  const mod = isMac() ? '⌘' : 'Ctrl+';
  return (
    <div className="sy-toolbar" role="toolbar" aria-label="Editor">
      <button type="button" className={`button small${dirty ? ' primary' : ''}`} onClick={() => void commands.save()} disabled={saving} title={`Save the draft (${mod}S)`}>
        {saving ? 'Saving…' : dirty ? 'Save' : 'Saved'}
      </button>
      <span className="sy-sep" />
      <button type="button" className="button small" onClick={commands.undo} disabled={!canUndo} title={`Undo (${mod}Z)`} aria-label="Undo">
        ↶ Undo
      </button>
      <button type="button" className="button small" onClick={commands.redo} disabled={!canRedo} title={`Redo (${mod}Shift+Z or ${mod}Y)`} aria-label="Redo">
        ↷ Redo
      </button>
      <span className="sy-sep" />
      <button type="button" className="button small" onClick={commands.deleteSelection} disabled={!hasSelection || !onGraph} title="Delete the selection (Delete / Backspace)">
        Delete
      </button>
      <button type="button" className="button small" onClick={() => void commands.copy()} disabled={!hasNodes || !onGraph} title={`Copy (${mod}C)`}>
        Copy
      </button>
      <button type="button" className="button small" onClick={() => void commands.cut()} disabled={!hasNodes || !onGraph} title={`Cut (${mod}X)`}>
        Cut
      </button>
      <button type="button" className="button small" onClick={() => void commands.paste()} disabled={!onGraph} title={`Paste (${mod}V)`}>
        Paste
      </button>
      <button type="button" className="button small" onClick={commands.duplicate} disabled={!hasNodes || !onGraph} title={`Duplicate (${mod}D)`}>
        Duplicate
      </button>
      <span className="sy-sep" />
      <span className="sy-segmented" role="group" aria-label="Auto layout">
        <button type="button" className={`button small${direction === 'right' ? ' is-on' : ''}`} onClick={() => void commands.layout('right')} disabled={!onGraph} title="Auto layout, left to right">
          Layout →
        </button>
        <button type="button" className={`button small${direction === 'down' ? ' is-on' : ''}`} onClick={() => void commands.layout('down')} disabled={!onGraph} title="Auto layout, top to bottom">
          Layout ↓
        </button>
      </span>
      <span className="sy-segmented" role="group" aria-label="Zoom">
        <button type="button" className="button small" onClick={commands.zoomOut} disabled={!onGraph} title="Zoom out" aria-label="Zoom out">
          −
        </button>
        <button type="button" className="button small" onClick={commands.fit} disabled={!onGraph} title="Fit the whole scheme in view (never below a readable zoom)">
          Fit
        </button>
        <button type="button" className="button small" onClick={commands.zoomIn} disabled={!onGraph} title="Zoom in" aria-label="Zoom in">
          +
        </button>
      </span>
      <button type="button" className={`button small${minimap ? ' is-on' : ''}`} aria-pressed={minimap} onClick={() => store.getState().setMinimap(!minimap)} disabled={!onGraph} title="Show or hide the overview map (bottom right)">
        Map
      </button>
    </div>
  );
}
