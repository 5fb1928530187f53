/** The engine's public surface: compile a scheme, index processors, decide with or without a scheme. */
export * from './types';
export { compile } from './compile';
export { buildPlan } from './plan';
export {
  indexProcessors, checkEligibility, processorIndexOf,
  type IndexedProcessorSet, type EligibilityEntry, type IneligibleReason, type ProcessorIndex,
} from './processors';
export { decideWithoutScheme, decideWithRoute } from './routing-modes';
export { hashPrefix, hashWithPrefix, transactionKey, unitInterval } from './hash';
