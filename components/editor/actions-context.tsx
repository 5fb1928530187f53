'use client';

import { createContext, useContext } from 'react';
import type { SaveAsCopyAction, SaveDraftAction } from '@/lib/editor/save';
import type { FormState } from '@/lib/forms/form-state';

/** The server actions the editor calls, handed down by the page (components import no page's actions). */
export interface EditorActions {
  save: SaveDraftAction;
  saveAsCopy: SaveAsCopyAction;
  duplicate: (state: FormState, form: FormData) => Promise<FormState>;
  remove: (state: FormState, form: FormData) => Promise<FormState>;
}

export const EditorActionsContext = createContext<EditorActions | null>(null);

export function useEditorActions(): EditorActions {
  const actions = useContext(EditorActionsContext);
  if (!actions) throw new Error('useEditorActions needs the SchemeEditor above it.');
  return actions;
}
