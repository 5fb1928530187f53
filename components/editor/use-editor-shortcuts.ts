'use client';

import { useEffect } from 'react';
import type { EditorCommands } from './use-editor-commands';
import { useEditorStore } from './store-provider';

/** Whether a key press belongs to a text field (or the JSON editor) rather than to the canvas. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.monaco-editor')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The editor's keyboard shortcuts, with Ctrl or Cmd: S save, Z undo, Shift+Z / Y redo, C / X / V
 * copy, cut, paste, D duplicate, A select all; Delete / Backspace delete the selection. Save works
 * everywhere; the rest only while no text field has the keyboard.
 */
export function useEditorShortcuts(commands: EditorCommands) {
  const store = useEditorStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        void commands.save();
        return;
      }
      if (isTyping(event.target) || event.altKey) return;
      const onGraph = store.getState().tab === 'graph';
      const run = (command: () => unknown) => {
        event.preventDefault();
        void command();
      };
      if (mod && key === 'z') return run(event.shiftKey ? commands.redo : commands.undo);
      if (mod && key === 'y') return run(commands.redo);
      if (!onGraph) return;
      if (mod && key === 'c') return run(commands.copy);
      if (mod && key === 'x') return run(commands.cut);
      if (mod && key === 'v') return run(commands.paste);
      if (mod && key === 'd') return run(commands.duplicate);
      if (mod && key === 'a') return run(commands.selectAll);
      if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) return run(commands.deleteSelection);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, store]);
}
