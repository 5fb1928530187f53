/** The engine's public surface: compile a scheme, index processors, decide with or without a scheme. */
export * from './types';
export { compile } from './compile';
export {
  indexProcessors,
  type IndexedProcessorSet } from './processors';
export { decideWithoutScheme, decideWithRoute } from './routing-modes';
