import type { Transaction } from '../engine/types';
import { hashString } from '../engine/hash';

/**
 * The hash that seeds a transaction's draws: its `id` (string or number). A transaction without an id
 * falls back to its JSON text, so identical payloads still draw identically and the run stays
 * reproducible; anything that cannot be serialised hashes as the empty string.
 */
export function transactionKeyHash(tx: Transaction): number {
  const id = tx.id;
  if (typeof id === 'string') return hashString(id);
  if (typeof id === 'number') return hashString(String(id));
  try {
    return hashString(JSON.stringify(tx) ?? '');
  } catch {
    return hashString('');
  }
}
