import type { z } from 'zod';
import { listInWords, plural } from '../text/plural';

/**
 * One mapping from validation issues to words a person reads next to a field: the field's own name
 * and unit ("Approval rate must be at most 100%"), not the validator's ("expected number to be <=1").
 * Schemas keep their own hand-written messages ("Name is required"); this covers everything else.
 */

/** How a field is named and how its numbers read. */
export interface FieldWords {
  label: string;
  /**
   * percent: typed and stored as a percentage (2.5 = 2.5%); fraction_percent: stored as a fraction
   * and shown as a percentage (0.9 = 90%); amount: money in the payment's currency.
   */
  unit?: 'percent' | 'fraction_percent' | 'amount';
}

/** Field words by dotted path; list items are matched with "*" ("rules.*.value"). */
export type FieldWordsByPath = Readonly<Record<string, FieldWords>>;

/** The parts of a zod issue the words depend on (a structural subset, so tests can pass plain objects). */
export interface IssueLike {
  code: string;
  path?: readonly PropertyKey[];
  input?: unknown;
  expected?: string;
  received?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  values?: readonly unknown[];
  keys?: readonly string[];
  format?: string;
  divisor?: number;
  message?: string;
}

/** "approval_rate" → "Approval rate"; the words used when a path has none of its own. */
export function labelFromPath(path: readonly PropertyKey[] = []): string {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (!key) return 'This value';
  const spaced = key.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function wordsFor(path: readonly PropertyKey[] = [], words: FieldWordsByPath = {}): FieldWords {
  const key = path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');
  return words[key] ?? { label: labelFromPath(path) };
}

function formatNumber(n: number, unit: FieldWords['unit']): string {
  switch (unit) {
    case 'percent':
      return `${n.toLocaleString('en')}%`;
    case 'fraction_percent':
      return `${(Math.round(n * 100_000) / 1000).toLocaleString('en')}%`;
    default:
      return n.toLocaleString('en');
  }
}

const quoted = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

function choices(values: readonly unknown[]): string {
  if (values.length === 1) return quoted(values[0]);
  return `${values.length === 2 ? 'either' : 'one of'} ${listInWords(values.map(quoted), 'or')}`;
}

function sizeMessage(issue: IssueLike, label: string, unit: FieldWords['unit'], which: 'min' | 'max'): string {
  const limit = Number(which === 'min' ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (which === 'min' && limit <= 1) return `${label} is required.`;
      if (issue.exact) return `${label} must be exactly ${plural(limit, 'character')}.`;
      return which === 'min' ? `${label} needs at least ${plural(limit, 'character')}.` : `${label} can be at most ${plural(limit, 'character')} long.`;
    case 'array':
    case 'set':
      if (which === 'min' && limit <= 1) return `${label} needs at least one entry.`;
      return which === 'min' ? `${label} needs at least ${plural(limit, 'entry', 'entries')}.` : `${label} can hold at most ${plural(limit, 'entry', 'entries')}.`;
    default: {
      if (which === 'min' && limit === 0 && inclusive) return `${label} cannot be negative.`;
      if (which === 'min' && limit === 0) return `${label} must be more than ${formatNumber(0, unit)}.`;
      const bound = formatNumber(limit, unit);
      if (which === 'min') return inclusive ? `${label} must be at least ${bound}.` : `${label} must be more than ${bound}.`;
      return inclusive ? `${label} must be at most ${bound}.` : `${label} must be less than ${bound}.`;
    }
  }
}

function typeMessage(issue: IssueLike, label: string, unit: FieldWords['unit']): string {
  const missing = issue.input === undefined || issue.input === null || issue.input === '';
  if (missing && issue.received !== 'NaN') return `${label} is required.`;
  switch (issue.expected) {
    case 'number':
      return unit === 'percent' || unit === 'fraction_percent' ? `${label} must be a number of percent, e.g. 90.` : `${label} must be a number.`;
    case 'int':
      return `${label} must be a whole number.`;
    case 'string':
      return `${label} must be text.`;
    case 'boolean':
      return `${label} must be yes or no (true or false).`;
    case 'array':
      return `${label} must be a list.`;
    case 'object':
      return `${label} must be an object.`;
    default:
      return `${label} is not of the right kind.`;
  }
}

/** The message for one issue, in the field's words. */
export function issueMessage(issue: IssueLike, words: FieldWords = { label: labelFromPath(issue.path) }): string {
  const { label, unit } = words;
  switch (issue.code) {
    case 'too_small':
      return sizeMessage(issue, label, unit, 'min');
    case 'too_big':
      return sizeMessage(issue, label, unit, 'max');
    case 'invalid_type':
      return typeMessage(issue, label, unit);
    case 'invalid_value':
      return issue.values && issue.values.length > 0
        ? `${label} must be ${choices(issue.values)}.`
        : `${label} has a value that is not allowed.`;
    case 'unrecognized_keys':
      return `Unknown ${issue.keys && issue.keys.length === 1 ? 'field' : 'fields'} ${listInWords((issue.keys ?? []).map(quoted))}.`;
    case 'invalid_format':
      return `${label} is not in the expected format${issue.format && issue.format !== 'regex' ? ` (${issue.format})` : ''}.`;
    case 'not_multiple_of':
      return `${label} must be a multiple of ${formatNumber(issue.divisor ?? 1, unit)}.`;
    case 'invalid_union':
      return `${label} is not valid here.`;
    case 'invalid_key':
      return `${label} has a key that is not allowed.`;
    default:
      return issue.message ?? `${label} is not valid.`;
  }
}

/**
 * Parse options that put every issue a schema has no own message for into words:
 * `Schema.safeParse(input, inWords(PROCESSOR_FIELD_WORDS))`.
 */
export function inWords(words: FieldWordsByPath = {}): { error: (issue: z.core.$ZodRawIssue) => string } {
  return { error: (issue) => issueMessage(issue as IssueLike, wordsFor(issue.path, words)) };
}
