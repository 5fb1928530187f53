/**
 * The smallest single replacement that turns `from` into `to`: the common prefix and suffix are kept.
 * Rewriting only the changed middle keeps the JSON tab's cursor, scroll and folds where they were when a
 * graph edit or an undo changes the text under them.
 */
export function textChange(from: string, to: string): { start: number; end: number; text: string } | null {
  if (from === to) return null;
  const max = Math.min(from.length, to.length);
  let start = 0;
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
  return { start, end: from.length - suffix, text: to.slice(start, to.length - suffix) };
}
