import type { Operator } from '../scheme/schema';

/**
 * Operators in words, one table for every place that shows a rule to people: condition nodes, the
 * inspector's operator picker, the filters pages. Comparisons stay symbols so "Amount > 100" reads at a glance.
 */
export const OPERATOR_WORDS: Readonly<Record<Operator, string>> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'is between',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  ends_with: 'ends with',
  exists: 'is present',
  not_exists: 'is missing',
  matches: 'matches',
};
