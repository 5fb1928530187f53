'use client';

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { autoLayout, copyNodes, moveOperation, pasteNodes, removeOperation, type LayoutDirection } from '@/lib/graph';
import { describeIssues } from '@/lib/editor/save';
import { useEditorActions } from './actions-context';
import { useEditorStore } from './store-provider';
import { readFragment, writeFragment } from './clipboard';
import { FIT_VIEW_OPTIONS, FIT_VIEW_OPTIONS_WITH_MINIMAP, showScheme } from './canvas/viewport';

export interface EditorCommands {
  save(): Promise<void>;
  undo(): void;
  redo(): void;
  deleteSelection(): void;
  copy(): Promise<void>;
  cut(): Promise<void>;
  paste(): Promise<void>;
  duplicate(): void;
  selectAll(): void;
  layout(direction?: LayoutDirection): Promise<void>;
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
}

/** Every toolbar button and keyboard shortcut of the editor, each one store operation (one undo step). */
export function useEditorCommands(): EditorCommands {
  const store = useEditorStore();
  const actions = useEditorActions();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const pastes = useRef(0);

  return useMemo(() => {
    const state = () => store.getState();
    const doc = () => state().history.present;

    return {
      async save() {
        const { schemeId, revision, saveStatus } = state();
        if (saveStatus.kind === 'saving') return;
        const saving = doc();
        state().setSaveStatus({ kind: 'saving' });
        try {
          const outcome = await actions.save(schemeId, saving, revision);
          if (outcome.status === 'saved') {
            state().markSaved(saving, outcome.revision);
            state().setSaveStatus({ kind: 'saved', at: Date.now() });
          } else if (outcome.status === 'conflict') {
            state().setSaveStatus({ kind: 'conflict', message: outcome.message, revision: outcome.revision });
          } else if (outcome.status === 'invalid') {
            state().setSaveStatus({ kind: 'invalid', message: outcome.message, lines: describeIssues(outcome.issues) });
          } else {
            state().setSaveStatus({ kind: 'error', message: outcome.message });
          }
        } catch (error) {
          state().setSaveStatus({ kind: 'error', message: `The save did not reach the server: ${(error as Error).message}` });
        }
      },
      undo: () => state().undo(),
      redo: () => state().redo(),
      deleteSelection() {
        const { selection, edgeSelection } = state();
        if (selection.length === 0 && edgeSelection.length === 0) return;
        state().edit(removeOperation(selection, edgeSelection));
        state().selectEdges([]);
      },
      async copy() {
        const ids = state().selection;
        if (ids.length === 0) return;
        pastes.current = 0;
        await writeFragment(copyNodes(doc(), ids));
      },
      async cut() {
        const ids = state().selection;
        if (ids.length === 0) return;
        pastes.current = 0;
        await writeFragment(copyNodes(doc(), ids));
        state().edit(removeOperation(ids, []));
      },
      async paste() {
        const fragment = await readFragment();
        if (!fragment) return;
        pastes.current += 1;
        const step = 40 * pastes.current;
        let pasted: string[] = [];
        const result = state().edit((d) => {
          const r = pasteNodes(d, fragment, { x: step, y: step });
          if (r.ok) pasted = r.ids;
          return r;
        });
        if (result.ok) state().select(pasted);
      },
      duplicate() {
        const ids = state().selection;
        if (ids.length === 0) return;
        let copies: string[] = [];
        const result = state().edit((d) => {
          const r = pasteNodes(d, copyNodes(d, ids), { x: 40, y: 40 });
          if (r.ok) copies = r.ids;
          return r;
        });
        if (result.ok) state().select(copies);
      },
      selectAll() {
        state().select(Object.keys(doc().nodes));
      },
      async layout(direction) {
        const chosen = direction ?? state().direction;
        const positions = await autoLayout(doc(), { direction: chosen, sizes: state().measured });
        // Direction and positions in one render: each alone would redraw every node.
        state().setDirection(chosen);
        state().edit(moveOperation(positions));
        requestAnimationFrame(() => showScheme(flow, doc(), { width: flowStore.getState().width, height: flowStore.getState().height, minimap: state().minimap }, 250));
      },
      fit() {
        void flow.fitView({ ...(state().minimap ? FIT_VIEW_OPTIONS_WITH_MINIMAP : FIT_VIEW_OPTIONS), duration: 250 });
      },
      zoomIn() {
        void flow.zoomIn({ duration: 150 });
      },
      zoomOut() {
        void flow.zoomOut({ duration: 150 });
      },
    };
  }, [store, actions, flow, flowStore]);
}
