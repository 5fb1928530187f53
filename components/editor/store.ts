import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Catalog } from '@/lib/catalog';
import { compileOptionsFor, type AccountContext } from '@/lib/editor/account';
import { record, redo, startHistory, undo, type History } from '@/lib/editor/history';
import type { EditResult } from '@/lib/graph';
import type { Decision, Problem } from '@/lib/engine/types';
import type { SchemeDocument } from '@/lib/scheme/schema';

/**
 * One store per editor instance (scoped through EditorStoreProvider). The document lives only here,
 * as the present of a history of documents; the canvas, the inspector and the JSON tab are views of
 * it, and every change goes through `edit` or `replaceDocument` — one undoable step each.
 */
export interface EditorState {
  schemeId: string;
  /** The revision the current edits started from; a save names it. */
  revision: number;
  /** The document as last saved (or loaded): unsaved changes = `history.present !== savedDoc`. */
  savedDoc: SchemeDocument;
  history: History;
  /** The JSON tab's text. It may not parse; then `doc` keeps the last valid document. */
  jsonText: string;
  /** Why `jsonText` is not the document (syntax or format errors), or null when it is. */
  jsonProblems: Problem[] | null;
  selection: readonly string[];
  /** The checker's latest findings for `history.present`. */
  problems: readonly Problem[];
  /** The dry run whose path is lit on the canvas. */
  trace: Decision | null;
  account: AccountContext;
  /** The account's attribute catalog (built-in plus custom attributes), built once from `account`. */
  catalog: Catalog;
  /** Which view of the document is showing. */
  tab: EditorTab;
  /**
   * A request to bring something into view: the canvas centres and selects `node`, the JSON tab reveals
   * `path`. `seq` grows with every request, so asking for the same place twice still moves the view.
   */
  focus: FocusRequest | null;

  /** Applies one lib/graph operation to the document; on success it is one undo step. */
  edit(operation: (doc: SchemeDocument) => EditResult): EditResult;
  /** Replaces the whole document (a valid JSON edit, an import): one undo step. */
  replaceDocument(doc: SchemeDocument, jsonText?: string): void;
  /** The JSON tab's text changed but does not make a document: keep it, and say why. */
  setInvalidJson(text: string, problems: Problem[]): void;
  /** The JSON tab's text says the present document in other words (spacing only): keep it, no undo step. */
  setJsonText(text: string): void;
  undo(): void;
  redo(): void;
  select(ids: readonly string[]): void;
  setProblems(problems: readonly Problem[]): void;
  setTrace(decision: Decision | null): void;
  markSaved(doc: SchemeDocument, revision: number): void;
  setTab(tab: EditorTab): void;
  /** Shows a node (on the canvas) or a JSON path (in the JSON tab, switching to it). */
  requestFocus(target: { node?: string; path?: (string | number)[] }): void;
}

export type EditorTab = 'graph' | 'json';
export interface FocusRequest {
  node?: string;
  path?: (string | number)[];
  seq: number;
}

export interface EditorInit {
  schemeId: string;
  revision: number;
  document: SchemeDocument;
  account: AccountContext;
}

/** The JSON tab shows the document formatted like this, so a graph edit rewrites the text predictably. */
export const formatDocument = (doc: SchemeDocument) => JSON.stringify(doc, null, 2);

export type EditorStore = StoreApi<EditorState>;

export function createEditorStore(init: EditorInit): EditorStore {
  return createStore<EditorState>()((set, get) => {
    const moveTo = (history: History) =>
      set({ history, jsonText: formatDocument(history.present), jsonProblems: null, selection: keepExisting(get().selection, history.present) });
    return {
      schemeId: init.schemeId,
      revision: init.revision,
      savedDoc: init.document,
      history: startHistory(init.document),
      jsonText: formatDocument(init.document),
      jsonProblems: null,
      selection: [],
      problems: [],
      trace: null,
      account: init.account,
      catalog: compileOptionsFor(init.account).catalog,
      tab: 'graph',
      focus: null,

      edit(operation) {
        const result = operation(get().history.present);
        if (result.ok) moveTo(record(get().history, result.doc));
        return result;
      },
      replaceDocument(doc, jsonText) {
        const history = record(get().history, doc);
        set({ history, jsonText: jsonText ?? formatDocument(doc), jsonProblems: null, selection: keepExisting(get().selection, doc) });
      },
      setInvalidJson(text, problems) {
        set({ jsonText: text, jsonProblems: problems });
      },
      setJsonText: (text) => set({ jsonText: text, jsonProblems: null }),
      undo: () => moveTo(undo(get().history)),
      redo: () => moveTo(redo(get().history)),
      select: (ids) => set({ selection: ids }),
      setProblems: (problems) => set({ problems }),
      setTrace: (trace) => set({ trace }),
      markSaved: (doc, revision) => set({ savedDoc: doc, revision }),
      setTab: (tab) => set({ tab }),
      requestFocus(target) {
        const seq = (get().focus?.seq ?? 0) + 1;
        const tab = target.path !== undefined && target.node === undefined ? 'json' : get().tab;
        set({ focus: { ...target, seq }, tab, ...(target.node !== undefined ? { selection: [target.node] } : {}) });
      },
    };
  });
}

function keepExisting(selection: readonly string[], doc: SchemeDocument): readonly string[] {
  const kept = selection.filter((id) => Object.hasOwn(doc.nodes, id));
  return kept.length === selection.length ? selection : kept;
}
