import type { Transaction } from '../engine/types';

/**
 * The one check of a parsed transaction for the decide and simulate API and test cases: a JSON object
 * of bounded size and nesting. Limits are generous for a payment (a few KB) and stop pathological input early.
 */
export const MAX_TRANSACTION_BYTES = 64 * 1024;
export const MAX_TRANSACTION_DEPTH = 16;

export interface TransactionIssue {
  path: (string | number)[];
  message: string;
}

export type TransactionRead = { ok: true; value: Transaction } | { ok: false; issue: TransactionIssue };

/** Checks an already parsed value: an object (not an array), nested at most MAX_TRANSACTION_DEPTH levels. */
export function checkTransaction(value: unknown, path: (string | number)[] = ['transaction']): TransactionRead {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return refuse(path, 'A transaction is a JSON object.');
  if (deeperThan(value, MAX_TRANSACTION_DEPTH)) return refuse(path, `A transaction is nested at most ${MAX_TRANSACTION_DEPTH} levels deep.`);
  return { ok: true, value: value as Transaction };
}

function deeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    if (deeperThan(child, limit - 1)) return true;
  }
  return false;
}

const refuse = (path: (string | number)[], message: string): TransactionRead => ({ ok: false, issue: { path, message } });
