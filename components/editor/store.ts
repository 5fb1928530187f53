import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Catalog } from '@/lib/catalog';
import { compileOptionsFor, type AccountContext } from '@/lib/account/context';
import { record, redo, startHistory, undo, type History } from '@/lib/editor/history';
import { shareUnchanged, type EditResult, type LayoutDirection, type XYPosition } from '@/lib/graph';
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

  // View state of the canvas: never part of the document, never an undo step.
  /** Selected edges (ids `<source>:<yes|no>`); node selection is `selection`. */
  edgeSelection: readonly string[];
  /** Positions of the nodes being dragged; the drag becomes one `moveNodes` when it stops. */
  dragPositions: Readonly<Record<string, XYPosition>> | null;
  /** Positions the auto layout found for nodes the document does not place yet (shown, not saved). */
  autoPositions: Readonly<Record<string, XYPosition>>;
  /** Node sizes as the canvas measured them. */
  measured: Readonly<Record<string, { width: number; height: number }>>;
  /** Where branches leave their conditions: `right` (left to right) or `down` (top to bottom). */
  direction: LayoutDirection;
  /** A short message shown at a point of the screen (a refused connection at the pointer). */
  hint: Hint | null;
  /** Where the last save stands (shown by the toolbar and the conflict dialog). */
  saveStatus: SaveStatus;

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
  selectEdges(ids: readonly string[]): void;
  setDragPositions(positions: Readonly<Record<string, XYPosition>> | null): void;
  setAutoPositions(positions: Readonly<Record<string, XYPosition>>): void;
  setMeasured(sizes: Readonly<Record<string, { width: number; height: number }>>): void;
  setDirection(direction: LayoutDirection): void;
  showHint(hint: Omit<Hint, 'seq'> | null): void;
  setSaveStatus(status: SaveStatus): void;
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  /** A stale save was refused: the draft is at `revision` now. */
  | { kind: 'conflict'; message: string; revision: number }
  | { kind: 'invalid'; message: string; lines: string[] }
  | { kind: 'error'; message: string };

export interface Hint {
  message: string;
  /** Client (viewport) coordinates. */
  x: number;
  y: number;
  seq: number;
}

/** Whether the document differs from the one last saved or loaded. */
export const selectDirty = (state: EditorState) => state.history.present !== state.savedDoc;

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
      edgeSelection: [],
      dragPositions: null,
      autoPositions: {},
      measured: {},
      direction: 'down',
      hint: null,
      saveStatus: { kind: 'idle' },

      edit(operation) {
        const result = operation(get().history.present);
        if (result.ok) moveTo(record(get().history, result.doc));
        return result;
      },
      replaceDocument(replacement, jsonText) {
        // Parsed text is all new objects: keep the unchanged nodes' identities so only changed nodes re-render.
        const doc = shareUnchanged(get().history.present, replacement);
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
      selectEdges: (ids) => set({ edgeSelection: ids }),
      setDragPositions: (dragPositions) => set({ dragPositions }),
      setAutoPositions: (autoPositions) => set({ autoPositions }),
      setMeasured: (sizes) => set({ measured: { ...get().measured, ...sizes } }),
      setDirection: (direction) => set({ direction }),
      setSaveStatus: (saveStatus) => set({ saveStatus }),
      showHint: (hint) => set({ hint: hint && { ...hint, seq: (get().hint?.seq ?? 0) + 1 } }),
    };
  });
}

function keepExisting(selection: readonly string[], doc: SchemeDocument): readonly string[] {
  const kept = selection.filter((id) => Object.hasOwn(doc.nodes, id));
  return kept.length === selection.length ? selection : kept;
}
