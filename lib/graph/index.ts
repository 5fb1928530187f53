/** The scheme document as a graph: React Flow view, auto layout, and pure edit operations. */
export { toFlow, fromFlow, edgeId, bodyOf } from './flow';
export { autoLayout, isFullyPlaced, type LayoutDirection, type LayoutOptions } from './layout';
export { NODE_SIZE, NODE_CELL, NODE_GAP, HANDLE_OFFSET } from './sizes';
export { shareUnchanged, sameJson } from './share';
export * from './operations';
export * from './types';
export * from './changes';
