import type { Operator } from '../scheme/schema';
import type { AttributeType, Normalisation } from './types';

/**
 * Which operators make sense for each attribute type. Ordering comparisons only on numbers,
 * text operators only on free strings, membership only on lists; `exists` / `not_exists` everywhere.
 */
export const OPERATORS_BY_TYPE: Readonly<Record<AttributeType, readonly Operator[]>> = {
  number: ['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'not_exists'],
  integer: ['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'not_exists'],
  string: [
    'eq', 'neq', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'ends_with', 'matches',
    'exists', 'not_exists',
  ],
  enum: ['eq', 'neq', 'in', 'not_in', 'exists', 'not_exists'],
  country: ['eq', 'neq', 'in', 'not_in', 'exists', 'not_exists'],
  currency: ['eq', 'neq', 'in', 'not_in', 'exists', 'not_exists'],
  boolean: ['eq', 'neq', 'exists', 'not_exists'],
  string_list: ['contains', 'not_contains', 'exists', 'not_exists'],
};

/** Countries and currencies compare upper-case, enum codes lower-case; free text as sent. */
export const NORMALISATION_BY_TYPE: Readonly<Record<AttributeType, Normalisation>> = {
  number: 'none',
  integer: 'none',
  string: 'none',
  enum: 'lower',
  country: 'upper',
  currency: 'upper',
  boolean: 'none',
  string_list: 'none',
};

/** The operators whose `value` is a list of candidates. */
export const LIST_OPERATORS: readonly Operator[] = ['in', 'not_in'];
/** The operators that take no `value`. */
export const PRESENCE_OPERATORS: readonly Operator[] = ['exists', 'not_exists'];

/** Normalises one string the way the attribute's transaction values are normalised. */
export function normaliseString(value: string, normalisation: Normalisation): string {
  if (normalisation === 'upper') return value.toUpperCase();
  if (normalisation === 'lower') return value.toLowerCase();
  return value;
}
