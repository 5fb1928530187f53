/**
 * Rules in plain words, as the canvas shows them on condition nodes: "Issuer country is one of
 * Germany, France", "Amount > 100". Labels and value names come from the account's catalog, so
 * custom attributes read as their operators named them. Pure; no React.
 */
import type { AttributeSpec, Catalog } from '.';
import type { Filter } from '../engine/types';
import type { Rule, RuleValue } from '../scheme/schema';
import { OPERATOR_WORDS } from './operator-words';

/** How many values of a list are named before "and N more". */
export const LISTED_VALUES = 4;

export interface DescribeContext {
  catalog: Catalog;
  filters?: readonly Pick<Filter, 'id' | 'name'>[];
}

/** One rule as a sentence. Unknown attributes and odd values still read sensibly (the checker reports them). */
export function describeRule(rule: Rule, context: DescribeContext): string {
  if ('filter' in rule) {
    const filter = context.filters?.find((f) => f.id === rule.filter);
    return filter ? `Matches filter “${filter.name}”` : `Matches filter ${rule.filter}`;
  }
  const spec = context.catalog.get(rule.attribute);
  const subject = spec?.label ?? rule.attribute;
  const words = OPERATOR_WORDS[rule.operator] ?? rule.operator;
  if (rule.operator === 'exists' || rule.operator === 'not_exists') return `${subject} ${words}`;
  if (rule.operator === 'between' && Array.isArray(rule.value) && rule.value.length === 2) {
    return `${subject} is between ${valueText(rule.value[0]!, spec)} and ${valueText(rule.value[1]!, spec)}`;
  }
  if (rule.operator === 'matches' && typeof rule.value === 'string') return `${subject} matches /${rule.value}/`;
  return `${subject} ${words} ${describeValue(rule.value, spec)}`;
}

/** A rule value in words: names for coded values, a list cut after LISTED_VALUES items. */
export function describeValue(value: RuleValue | undefined, spec?: AttributeSpec): string {
  if (value === undefined) return '(no value)';
  if (!Array.isArray(value)) return valueText(value, spec);
  if (value.length === 0) return 'nothing';
  const shown = value.slice(0, LISTED_VALUES).map((item) => valueText(item, spec));
  const rest = value.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

function valueText(value: string | number | boolean | null, spec?: AttributeSpec): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  const named = spec?.values?.find((entry) => entry.code === normalised(value, spec));
  if (named) return named.name;
  return spec && (spec.type === 'country' || spec.type === 'currency') ? value.toUpperCase() : `“${value}”`;
}

function normalised(value: string, spec: AttributeSpec): string {
  if (spec.normalise === 'upper') return value.toUpperCase();
  if (spec.normalise === 'lower') return value.toLowerCase();
  return value;
}

/** A value the engine read from a transaction, for the dry-run trace. */
export function describeRead(actual: unknown, missing: string | undefined): string {
  if (missing !== undefined) return `missing (${missing.replace('_', ' ')})`;
  if (typeof actual === 'string') return `“${actual}”`;
  return JSON.stringify(actual) ?? String(actual);
}
