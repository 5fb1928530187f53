import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Catalog } from '@/lib/catalog';
import { compileOptionsFor, type AccountContext } from '@/lib/account/context';
import { amend, record, redo, startHistory, undo, type History } from '@/lib/editor/history';
import { shareUnchanged, type EditResult, type LayoutDirection, type Refusal, type XYPosition } from '@/lib/graph';
import type { Decision, Problem } from '@/lib/engine/types';
import type { SchemeDocument } from '@/lib/scheme/schema';
import { LARGE_SCHEME_NODES } from './canvas/viewport';
import { restoreKeptText, textAfterDocumentChange, type KeptJson } from '@/lib/editor/unapplied-json';
import type { HeatMap } from '@/lib/editor/heat-map';

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
  /** Unapplied JSON text that a change from elsewhere set aside instead of dropping (restore or discard it). */
  keptJson: KeptJson | null;
  selection: readonly string[];
  /** Grows with every selection the user makes (not one made to show a problem), so panels can follow it. */
  selectSeq: number;
  /** A screen too narrow to edit on: the document is shown, and every change is refused. */
  readOnly: boolean;
  /** The checker's latest findings for `history.present`. */
  problems: readonly Problem[];
  /** The dry run whose path is lit on the canvas. */
  trace: Decision | null;
  /** The batch run whose hits colour the canvas (a view, never part of the document). */
  heat: HeatMap | null;
  /** Asks the side panel to show a tab, and the dry run to run a transaction (from a test or an impact example). */
  sideRequest: SideRequest | null;
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
  /** Whether the minimap shows (bottom right of the canvas). Off by default: it covers nodes. */
  minimap: boolean;
  /** A short message shown at a point of the screen (a refused connection at the pointer). */
  hint: Hint | null;
  /** Where the last save stands (shown by the toolbar and the conflict dialog). */
  saveStatus: SaveStatus;

  /** Applies one lib/graph operation to the document; on success it is one undo step. */
  edit(operation: (doc: SchemeDocument) => EditResult): EditResult;
  /** Applies a lib/graph operation that follows from the last edit (room for a grown node) as part of that step. */
  amendLastEdit(operation: (doc: SchemeDocument) => EditResult): EditResult;
  /** Replaces the whole document (a valid JSON edit, an import): one undo step. */
  replaceDocument(doc: SchemeDocument, jsonText?: string): void;
  /** The JSON tab's text changed but does not make a document: keep it, and say why. */
  setInvalidJson(text: string, problems: Problem[]): void;
  /** The JSON tab's text says the present document in other words (spacing only): keep it, no undo step. */
  setJsonText(text: string): void;
  /** Puts the set-aside JSON text back into the JSON tab and shows it. */
  restoreKeptJson(): void;
  /** Drops the set-aside JSON text, on the user's word. */
  discardKeptJson(): void;
  undo(): void;
  redo(): void;
  select(ids: readonly string[]): void;
  setReadOnly(readOnly: boolean): void;
  setProblems(problems: readonly Problem[]): void;
  setTrace(decision: Decision | null): void;
  setHeat(heat: HeatMap | null): void;
  /** Opens a transaction in the dry run (switching to it) and runs it. */
  openInDryRun(transaction: Record<string, unknown>): void;
  showSideTab(tab: string): void;
  markSaved(doc: SchemeDocument, revision: number): void;
  setTab(tab: EditorTab): void;
  /** Shows a node (on the canvas) or a JSON path (in the JSON tab, switching to it). */
  requestFocus(target: { node?: string; path?: (string | number)[] }): void;
  selectEdges(ids: readonly string[]): void;
  setDragPositions(positions: Readonly<Record<string, XYPosition>> | null): void;
  setAutoPositions(positions: Readonly<Record<string, XYPosition>>): void;
  setMeasured(sizes: Readonly<Record<string, { width: number; height: number }>>): void;
  setDirection(direction: LayoutDirection): void;
  setMinimap(on: boolean): void;
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
export interface SideRequest {
  tab: string;
  /** For the dry run: the transaction to run. */
  transaction?: Record<string, unknown>;
  seq: number;
}
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

const READ_ONLY: Refusal = { ok: false, code: 'read_only', reason: 'Editing needs a wider screen.' };

export function createEditorStore(init: EditorInit): EditorStore {
  return createStore<EditorState>()((set, get) => {
    const moveTo = (history: History) =>
      set({ history, ...textAfterDocumentChange(get(), formatDocument(history.present)), selection: keepExisting(get().selection, history.present) });
    return {
      schemeId: init.schemeId,
      revision: init.revision,
      savedDoc: init.document,
      history: startHistory(init.document),
      jsonText: formatDocument(init.document),
      jsonProblems: null,
      keptJson: null,
      selection: [],
      selectSeq: 0,
      readOnly: false,
      problems: [],
      trace: null,
      heat: null,
      sideRequest: null,
      account: init.account,
      catalog: compileOptionsFor(init.account).catalog,
      tab: 'graph',
      focus: null,
      edgeSelection: [],
      dragPositions: null,
      autoPositions: {},
      measured: {},
      direction: 'down',
      // A large scheme cannot be seen whole at a readable zoom: there the overview is worth its corner.
      minimap: Object.keys(init.document.nodes).length > LARGE_SCHEME_NODES,
      hint: null,
      saveStatus: { kind: 'idle' },

      edit(operation) {
        if (get().readOnly) return READ_ONLY;
        const result = operation(get().history.present);
        if (result.ok) moveTo(record(get().history, result.doc));
        return result;
      },
      amendLastEdit(operation) {
        if (get().readOnly) return READ_ONLY;
        const result = operation(get().history.present);
        if (result.ok) moveTo(amend(get().history, result.doc));
        return result;
      },
      replaceDocument(replacement, jsonText) {
        if (get().readOnly) return;
        // Parsed text is all new objects: keep the unchanged nodes' identities so only changed nodes re-render.
        const doc = shareUnchanged(get().history.present, replacement);
        const history = record(get().history, doc);
        // Text from the JSON tab itself is the document; anything else (an import) sets unapplied text aside.
        const text = jsonText === undefined ? textAfterDocumentChange(get(), formatDocument(doc)) : { jsonText, jsonProblems: null };
        set({ history, ...text, selection: keepExisting(get().selection, doc) });
      },
      setInvalidJson(text, problems) {
        set({ jsonText: text, jsonProblems: problems });
      },
      setJsonText: (text) => set({ jsonText: text, jsonProblems: null }),
      restoreKeptJson: () => set({ ...restoreKeptText(get()), tab: 'json' }),
      discardKeptJson: () => set({ keptJson: null }),
      undo: () => !get().readOnly && moveTo(undo(get().history)),
      redo: () => !get().readOnly && moveTo(redo(get().history)),
      select: (ids) => set({ selection: ids, selectSeq: get().selectSeq + 1 }),
      setReadOnly: (readOnly) => set({ readOnly }),
      setProblems: (problems) => set({ problems }),
      setTrace: (trace) => set({ trace }),
      setHeat: (heat) => set({ heat }),
      openInDryRun: (transaction) => set((s) => ({ sideRequest: { tab: 'dry-run', transaction, seq: (s.sideRequest?.seq ?? 0) + 1 } })),
      showSideTab: (tab) => set((s) => ({ sideRequest: { tab, seq: (s.sideRequest?.seq ?? 0) + 1 } })),
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
      setMinimap: (minimap) => set({ minimap }),
      setSaveStatus: (saveStatus) => set({ saveStatus }),
      showHint: (hint) => set({ hint: hint && { ...hint, seq: (get().hint?.seq ?? 0) + 1 } }),
    };
  });
}

function keepExisting(selection: readonly string[], doc: SchemeDocument): readonly string[] {
  const kept = selection.filter((id) => Object.hasOwn(doc.nodes, id));
  return kept.length === selection.length ? selection : kept;
}
