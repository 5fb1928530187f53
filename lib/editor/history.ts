import type { SchemeDocument } from '../scheme/schema';

/** Undo/redo as a history of whole documents (structurally shared, so a step costs what it changed). */
export interface History {
  past: readonly SchemeDocument[];
  present: SchemeDocument;
  future: readonly SchemeDocument[];
}

/** Enough for a working session; the oldest steps fall off first. */
export const HISTORY_LIMIT = 500;

export function startHistory(doc: SchemeDocument): History {
  return { past: [], present: doc, future: [] };
}

/** One new step. Recording the present document again is not a step. */
export function record(history: History, next: SchemeDocument): History {
  if (next === history.present) return history;
  const past = [...history.past, history.present];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, present: next, future: [] };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: History): History {
  const next = history.future[0];
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: history.future.slice(1) };
}

/**
 * Replaces the present without a new step: a consequence of the last step (nodes pushed aside by a
 * condition that grew from an edit) joins that step, so one undo takes back both.
 */
export function amend(history: History, next: SchemeDocument): History {
  if (next === history.present) return history;
  return { past: history.past, present: next, future: [] };
}
