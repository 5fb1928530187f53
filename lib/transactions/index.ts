/** A transaction's own format: how created_at is read, and advice about what a transaction carries. */
export { createdAtMs, createdAtProblem } from './created-at';
export { lintTransaction, type TransactionWarning, type TransactionWarningCode } from './lint';
