/** A transaction's own format: how created_at is read, and advice about what a transaction carries. */
export { createdAtMs, createdAtProblem } from './created-at';
export { lintTransaction, TRANSACTION_WARNING_CODES, type TransactionWarning, type TransactionWarningCode } from './lint';
