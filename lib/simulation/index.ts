/** The simulator: pure TypeScript. */
export { simulateOne } from './simulate-one';
export { simulateBatch } from './batch';
export { generateTransactions } from './traffic';
export { parseJsonLinesRecords } from './json-lines';
