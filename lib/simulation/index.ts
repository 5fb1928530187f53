/** The simulator: pure TypeScript. */
export { simulateOne, DEFAULT_SEED, type SimulateOneOptions } from './simulate-one';
export { simulateBatch, type SimulateBatchOptions, type TransactionSource } from './batch';
export type { BatchReport, ProcessorReport, LeafReport } from './report';
export type { SimulatedStatus, CascadePolicy } from './cascade';
export { outcomeFromDraw, isOutcomeCategory } from './outcomes';
export { generateTransactions, resolveMix, type GenerateOptions } from './traffic';
export { DEFAULT_TRAFFIC_MIX, LOCAL_CURRENCY, type TrafficMix, type Shares } from './traffic-mix';
export { parseCsv, parseCsvRecords, type CsvOptions } from './csv';
export { parseJsonLines, parseJsonLinesRecords, type JsonLinesOptions } from './json-lines';
export {
  transactionsOf, transactionBatchesOf, DEFAULT_MAX_LINE_LENGTH, type ParsedRecord, type ParseError,
} from './records';
