import { RE2JS } from 're2js';
import type { AttributeType } from '../../catalog/types';
import type { Operator, RuleValue } from '../../scheme/schema';
import type { StringNormaliser } from './normalise';

/**
 * Operators as predicates over one value read from the transaction. A predicate answers the
 * POSITIVE operator and is false whenever the value is missing (absent, null or of the wrong type);
 * negative operators are built as its exact negation by the caller. Rule values are normalised here,
 * once, at compile time; a rule value of the wrong shape makes the positive predicate always false.
 */

export type Predicate = (value: unknown) => boolean;

/** How a value of the attribute's type is recognised; anything else is "missing (wrong type)". */
export type ValueKind = 'number' | 'integer' | 'string' | 'boolean' | 'list';

export function kindOf(type: AttributeType | undefined): ValueKind {
  switch (type) {
    case 'number': return 'number';
    case 'integer': return 'integer';
    case 'boolean': return 'boolean';
    case 'string_list': return 'list';
    default: return 'string';
  }
}

export function acceptsKind(kind: ValueKind): Predicate {
  switch (kind) {
    case 'number': return isFiniteNumber;
    case 'integer': return Number.isInteger as Predicate;
    case 'boolean': return (v) => typeof v === 'boolean';
    case 'list': return Array.isArray as Predicate;
    case 'string': return (v) => typeof v === 'string';
  }
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && v - v === 0;
}

export const NEGATED: Partial<Record<Operator, Operator>> = { neq: 'eq', not_in: 'in', not_contains: 'contains' };

const NEVER: Predicate = () => false;

/** The normalised form of a rule value for this kind, or undefined when it has the wrong shape. */
export function normaliseRuleValue(kind: ValueKind, value: unknown, normalise: StringNormaliser): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map((item) => normaliseScalar(kind, item, normalise)));
  return normaliseScalar(kind, value, normalise);
}

function normaliseScalar(kind: ValueKind, value: unknown, normalise: StringNormaliser): unknown {
  if (kind === 'number') return isFiniteNumber(value) ? value : undefined;
  if (kind === 'integer') return Number.isInteger(value) ? value : undefined;
  if (kind === 'boolean') return typeof value === 'boolean' ? value : undefined;
  return typeof value === 'string' ? normalise(value) : undefined;
}

/**
 * The positive predicate of `operator` (neq/not_in/not_contains map to their twins) for a value kind.
 * `expected` is the normalised rule value; `pattern` the raw one for `matches`.
 */
export function positivePredicate(
  kind: ValueKind,
  operator: Operator,
  expected: unknown,
  pattern: RuleValue | undefined,
  normalise: StringNormaliser,
  caseInsensitive: boolean,
): Predicate {
  const op = NEGATED[operator] ?? operator;
  if (kind === 'number' || kind === 'integer') return numberPredicate(kind, op, expected);
  if (kind === 'boolean') return booleanPredicate(op, expected);
  if (kind === 'list') return listPredicate(op, expected, normalise);
  return stringPredicate(op, expected, pattern, normalise, caseInsensitive);
}

function numberPredicate(kind: ValueKind, op: Operator, x: unknown): Predicate {
  const ok = kind === 'integer' ? (Number.isInteger as (v: unknown) => v is number) : isFiniteNumber;
  if (op === 'in') {
    const set = new Set(listOf(x).filter((item): item is number => typeof item === 'number'));
    return (v) => typeof v === 'number' && set.has(v) && ok(v);
  }
  if (op === 'between') {
    const pair = listOf(x);
    const lo = pair[0];
    const hi = pair[1];
    if (pair.length !== 2 || typeof lo !== 'number' || typeof hi !== 'number') return NEVER;
    return (v) => ok(v) && v >= lo && v <= hi;
  }
  if (typeof x !== 'number') return NEVER;
  switch (op) {
    case 'eq': return (v) => v === x;
    case 'gt': return (v) => ok(v) && v > x;
    case 'gte': return (v) => ok(v) && v >= x;
    case 'lt': return (v) => ok(v) && v < x;
    case 'lte': return (v) => ok(v) && v <= x;
    default: return NEVER;
  }
}

function booleanPredicate(op: Operator, x: unknown): Predicate {
  if (op === 'eq' && typeof x === 'boolean') return (v) => v === x;
  if (op === 'in') {
    const set = new Set(listOf(x).filter((item) => typeof item === 'boolean'));
    return (v) => typeof v === 'boolean' && set.has(v);
  }
  return NEVER;
}

function stringPredicate(
  op: Operator,
  x: unknown,
  pattern: RuleValue | undefined,
  normalise: StringNormaliser,
  caseInsensitive: boolean,
): Predicate {
  if (op === 'in') {
    const set = stringSet(x);
    return (v) => typeof v === 'string' && (set.has(v) || set.has(normalise(v)));
  }
  if (op === 'matches') return regexPredicate(pattern, normalise, caseInsensitive);
  if (typeof x !== 'string') return NEVER;
  switch (op) {
    // An already-normalised value is returned as is by normalise, so the second test is rarely paid.
    case 'eq': return (v) => typeof v === 'string' && (v === x || normalise(v) === x);
    case 'contains': return (v) => typeof v === 'string' && normalise(v).includes(x);
    case 'starts_with': return (v) => typeof v === 'string' && normalise(v).startsWith(x);
    case 'ends_with': return (v) => typeof v === 'string' && normalise(v).endsWith(x);
    default: return NEVER;
  }
}

/** RE2 (linear time), compiled once; unanchored search; case-insensitive on case-normalised attributes. */
function regexPredicate(pattern: RuleValue | undefined, normalise: StringNormaliser, caseInsensitive: boolean): Predicate {
  if (typeof pattern !== 'string') return NEVER;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch {
    return NEVER;
  }
  return (v) => {
    if (typeof v !== 'string') return false;
    try {
      return re.test(normalise(v));
    } catch {
      return false;
    }
  };
}

/** On a string list: contains = membership, in = any element among the values. */
function listPredicate(op: Operator, x: unknown, normalise: StringNormaliser): Predicate {
  if (op === 'contains' && typeof x === 'string') {
    return (v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string' && (item === x || normalise(item) === x)) return true;
      }
      return false;
    };
  }
  if (op === 'in') {
    const set = new Set(listOf(x).filter((item): item is string => typeof item === 'string'));
    return (v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string' && (set.has(item) || set.has(normalise(item)))) return true;
      }
      return false;
    };
  }
  return NEVER;
}

/** The strings of an `in` rule value, as a Set (shared with the code generator). */
export function stringSet(x: unknown): ReadonlySet<string> {
  return new Set(listOf(x).filter((item): item is string => typeof item === 'string'));
}

/** A rule value as a list: itself when an array, else one item (none when undefined). */
export function listOf(x: unknown): readonly unknown[] {
  if (Array.isArray(x)) return x;
  return x === undefined ? [] : [x];
}
