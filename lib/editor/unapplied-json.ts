import type { Problem } from '../engine/types';

/** JSON text that did not make a document when the document changed under it: kept until restored or discarded. */
export interface KeptJson {
  text: string;
  problems: Problem[];
}

export interface JsonTabText {
  /** The JSON tab's text. */
  jsonText: string;
  /** Why `jsonText` is not the document, or null when it is. */
  jsonProblems: Problem[] | null;
  /** Unapplied text set aside by a change from elsewhere, or null. */
  keptJson: KeptJson | null;
}

/**
 * The JSON tab after the document changed from elsewhere (a graph edit, the inspector, undo, an import):
 * the text becomes the new document. Text that was not applied (it does not parse or the format refuses
 * it) is never dropped: it is set aside as `keptJson`, so the user can take it back.
 */
export function textAfterDocumentChange(current: JsonTabText, newText: string): JsonTabText {
  const keptJson = current.jsonProblems !== null ? { text: current.jsonText, problems: current.jsonProblems } : current.keptJson;
  return { jsonText: newText, jsonProblems: null, keptJson };
}

/**
 * Brings the set-aside text back into the JSON tab (still unapplied, with its problems). Unapplied text
 * typed since then trades places with it rather than being lost.
 */
export function restoreKeptText(current: JsonTabText): JsonTabText {
  if (!current.keptJson) return current;
  const displaced = current.jsonProblems !== null ? { text: current.jsonText, problems: current.jsonProblems } : null;
  return { jsonText: current.keptJson.text, jsonProblems: current.keptJson.problems, keptJson: displaced };
}
