import { METADATA_PREFIX } from '../catalog/builtin';
import type { Transaction } from '../engine/types';

/**
 * Fields an account can keep out of the decision log: the customer's email, any one metadata key
 * (`metadata.<key>`), or all of metadata (`metadata.*`). The rest of the transaction is stored as
 * received: it is what a replay decides again.
 */
export const CUSTOMER_EMAIL = 'customer.email';
export const ALL_METADATA = 'metadata.*';
export const MAX_REDACTED_FIELDS = 100;
const METADATA_KEY = /^[A-Za-z0-9_-]{1,128}$/;

/** Why `field` cannot be redacted, or null when it can. */
export function redactionProblem(field: string): string | null {
  if (field === CUSTOMER_EMAIL || field === ALL_METADATA) return null;
  if (field.startsWith(METADATA_PREFIX) && METADATA_KEY.test(field.slice(METADATA_PREFIX.length))) return null;
  return `only ${CUSTOMER_EMAIL}, ${ALL_METADATA} or metadata.<key> (letters, digits, _ and -) can be redacted`;
}

/** The transaction without the redacted fields; the original is never changed, and is returned as is when nothing is to go. */
export function redact(transaction: Transaction, fields: readonly string[]): Transaction {
  if (fields.length === 0) return transaction;
  let copy: Transaction | undefined;
  const customer = transaction.customer;
  if (fields.includes(CUSTOMER_EMAIL) && isObject(customer) && 'email' in customer) {
    const { email: _email, ...rest } = customer;
    copy = { ...transaction, customer: rest };
  }
  const metadata = transaction.metadata;
  if (isObject(metadata)) {
    if (fields.includes(ALL_METADATA)) {
      const { metadata: _metadata, ...rest } = copy ?? transaction;
      return rest;
    }
    let kept: Record<string, unknown> | undefined;
    for (const field of fields) {
      if (!field.startsWith(METADATA_PREFIX)) continue;
      const key = field.slice(METADATA_PREFIX.length);
      if (!Object.hasOwn(metadata, key)) continue;
      kept ??= { ...metadata };
      delete kept[key];
    }
    if (kept) copy = { ...(copy ?? transaction), metadata: kept };
  }
  return copy ?? transaction;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
