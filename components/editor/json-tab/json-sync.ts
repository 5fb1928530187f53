import type { editor as MonacoEditor } from 'monaco-editor/esm/vs/editor/editor.api.js';
import { parseSchemeText } from '@/lib/editor/json-document';
import { textChange } from '@/lib/editor/json-text-change';
import type { EditorStore } from '../store';
import { monaco } from './monaco-setup';

/** Quiet time after the last keystroke before the text is read as a document. */
export const JSON_EDIT_DELAY_MS = 60;

/**
 * Keeps the Monaco model and the editor store in step, both ways.
 * - Typing: a moment after the last keystroke the text is parsed. A valid document replaces the present
 *   one as one undo step (spacing-only changes are kept without a step); invalid text is kept in the
 *   store with its problems while the graph keeps the last valid document.
 * - The store: when its text changes for another reason (a graph edit, undo, an import), the model gets
 *   the new text as one minimal edit, so the cursor and folds stay where they were.
 * - Undo: Ctrl/Cmd+Z and Shift+Z / Y step through the editor's document history — the same steps as the
 *   toolbar, graph and JSON edits alike — while the text is the document. While keystrokes are not yet
 *   applied, or the text is invalid, they are Monaco's own text undo/redo, to get back to valid text.
 * - Pending keystrokes are applied at once before a save (Ctrl/Cmd+S), when the editor loses the
 *   keyboard (a click on the toolbar's undo undoes them as one step) and when the tab closes.
 */
export function bindJsonSync(editor: MonacoEditor.IStandaloneCodeEditor, store: EditorStore): { dispose(): void } {
  const model = editor.getModel();
  if (!model) throw new Error('The JSON editor has no model.');
  let timer: ReturnType<typeof setTimeout> | null = null;
  let applyingStoreText = false;

  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const flush = () => {
    cancel();
    const text = model.getValue();
    const state = store.getState();
    if (text === state.jsonText && state.jsonProblems === null) return;
    const parsed = parseSchemeText(text);
    if (!parsed.ok) state.setInvalidJson(text, parsed.problems);
    else if (JSON.stringify(parsed.doc) === JSON.stringify(state.history.present)) state.setJsonText(text);
    else state.replaceDocument(parsed.doc, text);
  };
  const textIsDocument = () => timer === null && store.getState().jsonProblems === null;

  const changes = model.onDidChangeContent(() => {
    if (applyingStoreText) return;
    cancel();
    timer = setTimeout(flush, JSON_EDIT_DELAY_MS);
  });

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.jsonText === previous.jsonText || state.jsonText === model.getValue()) return;
    cancel();
    const change = textChange(model.getValue(), state.jsonText);
    if (!change) return;
    const start = model.getPositionAt(change.start);
    const end = model.getPositionAt(change.end);
    applyingStoreText = true;
    try {
      model.pushStackElement();
      model.pushEditOperations([], [{ range: monaco.Range.fromPositions(start, end), text: change.text }], () => null);
      model.pushStackElement();
    } finally {
      applyingStoreText = false;
    }
  });

  const { KeyMod, KeyCode } = monaco;
  const undo = () => (textIsDocument() ? store.getState().undo() : editor.trigger('json-tab', 'undo', null));
  const redo = () => (textIsDocument() ? store.getState().redo() : editor.trigger('json-tab', 'redo', null));
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, undo);
  editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, redo);
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, redo);
  // Not a command: the key press must still reach the editor's own save shortcut, after the flush.
  const keys = editor.onKeyDown((event) => {
    if ((event.ctrlKey || event.metaKey) && event.keyCode === KeyCode.KeyS) flush();
  });

  // Leaving the text (for the toolbar's undo, the canvas, another field) applies what was typed first.
  const blur = editor.onDidBlurEditorWidget(() => {
    if (timer !== null) flush();
  });

  return {
    dispose() {
      if (timer !== null && !model.isDisposed()) flush();
      changes.dispose();
      keys.dispose();
      blur.dispose();
      unsubscribe();
    },
  };
}
