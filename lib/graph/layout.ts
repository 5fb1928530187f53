import type { SchemeDocument } from '../scheme/schema';
import { elkLayout } from './elk-layout';
import { hasOwnKey } from './records';
import { treeLayout } from './tree-layout';
import type { LayoutOptions } from './layout-options';
import type { XYPosition } from './types';

export type { LayoutDirection, LayoutOptions } from './layout-options';

/**
 * Positions (top-left, whole numbers) for every node of the document, and nothing else. A scheme that
 * is a forest (the usual decision tree, fallback leaves may be shared) gets the tidy tree layout, in
 * linear time; anything else (a shared condition, a cycle in a draft) gets ELK's layered algorithm.
 * The same document and options always give the same positions.
 */
export async function autoLayout(doc: SchemeDocument, options: LayoutOptions = {}): Promise<Record<string, XYPosition>> {
  return treeLayout(doc, options) ?? elkLayout(doc, options);
}

/** Whether the document already has a position for every node (otherwise the editor lays it out). */
export function isFullyPlaced(doc: SchemeDocument): boolean {
  return Object.keys(doc.nodes).every((id) => hasOwnKey(doc.layout, id));
}
