/** A transaction's own format: how created_at is read, and advice about what a transaction carries. */
export { lintTransaction, type TransactionWarning } from './lint';
