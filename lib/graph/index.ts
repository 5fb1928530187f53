/** The scheme document as a graph: auto layout, pure edit operations, and React Flow's changes as edits. */
export { bodyOf } from './body';
export { autoLayout, isFullyPlaced, type LayoutDirection } from './layout';
export { NODE_SIZE, HANDLE_OFFSET } from './sizes';
export { shareUnchanged } from './share';
export * from './operations';
export * from './types';
export * from './changes';
