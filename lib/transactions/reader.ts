import type { Transaction } from '../engine/types';

/**
 * The one check of a parsed transaction for the decide and simulate API and test cases: a JSON object
 * of bounded size and nesting. Limits are generous for a payment (a few KB) and stop pathological input early.
 */
export const MAX_TRANSACTION_BYTES = 64 * 1024;
export const MAX_TRANSACTION_DEPTH = 16;
/** Longest string value (and key) in a transaction: ids, codes and metadata are short. */
export const MAX_TRANSACTION_STRING = 4096;

export interface TransactionIssue {
  path: (string | number)[];
  message: string;
}

export type TransactionRead = { ok: true; value: Transaction } | { ok: false; issue: TransactionIssue };

/** Checks an already parsed value: an object (not an array), nested at most MAX_TRANSACTION_DEPTH levels. */
export function checkTransaction(value: unknown, path: (string | number)[] = ['transaction']): TransactionRead {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return refuse(path, 'A transaction is a JSON object.');
  if (deeperThan(value, MAX_TRANSACTION_DEPTH)) return refuse(path, `A transaction is nested at most ${MAX_TRANSACTION_DEPTH} levels deep.`);
  const long = overlongString(value, path);
  if (long) return refuse(long, `A text in a transaction is at most ${MAX_TRANSACTION_STRING} characters.`);
  return { ok: true, value: value as Transaction };
}

// Both walks allocate nothing on the way down (every uploaded row passes them); a path is built only for a hit.
function deeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (deeperThan(value[i], limit - 1)) return true;
    return false;
  }
  for (const key in value) if (deeperThan((value as Record<string, unknown>)[key], limit - 1)) return true;
  return false;
}

/** The path of the first string value or key longer than MAX_TRANSACTION_STRING. */
function overlongString(value: unknown, path: (string | number)[]): (string | number)[] | undefined {
  const trail = overlongTrail(value);
  return trail && [...path, ...trail.reverse()];
}

/** Where the first over-long string is, as the keys from it up to `value`. */
function overlongTrail(value: unknown): (string | number)[] | undefined {
  if (typeof value === 'string') return value.length > MAX_TRANSACTION_STRING ? [] : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = overlongTrail(value[i]);
      if (found) return (found.push(i), found);
    }
    return undefined;
  }
  for (const key in value) {
    if (key.length > MAX_TRANSACTION_STRING) return [`${key.slice(0, 40)}…`];
    const found = overlongTrail((value as Record<string, unknown>)[key]);
    if (found) return (found.push(key), found);
  }
  return undefined;
}

const refuse = (path: (string | number)[], message: string): TransactionRead => ({ ok: false, issue: { path, message } });
