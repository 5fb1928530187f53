/** The scheme document as a graph: auto layout, pure edit operations, and React Flow's changes as edits. */
export { bodyOf } from './body';
export { autoLayout, isFullyPlaced, type LayoutDirection, type LayoutOptions } from './layout';
export { NODE_SIZE, NODE_CELL, NODE_GAP, HANDLE_OFFSET } from './sizes';
export { shareUnchanged, sameJson } from './share';
export * from './operations';
export * from './types';
export * from './changes';
