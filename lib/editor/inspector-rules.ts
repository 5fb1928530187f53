import { RE2JS } from 're2js';
import type { AttributeSpec, Catalog } from '../catalog/types';
import { LIST_OPERATORS, PRESENCE_OPERATORS, normaliseString } from '../catalog/operators';
import { OPERATORS, type AttributeRule, type Operator, type RuleValue } from '../scheme/schema';

/**
 * The inspector's rule logic: which operators an attribute offers, what becomes of a rule's value when
 * its attribute or operator changes, how typed text becomes a value, and the live checks shown while
 * typing (the same checks the compiler makes, so the inspector never disagrees with the checker).
 */
type Scalar = string | number | boolean;

/** How a rule's value is shaped for an operator. */
export type ValueShape = 'none' | 'list' | 'range' | 'scalar';

export function valueShape(operator: Operator): ValueShape {
  if (PRESENCE_OPERATORS.includes(operator)) return 'none';
  if (LIST_OPERATORS.includes(operator)) return 'list';
  if (operator === 'between') return 'range';
  return 'scalar';
}

/** The operators the attribute's type allows; every operator for an attribute the catalog does not know. */
export function operatorsFor(spec: AttributeSpec | undefined): readonly Operator[] {
  return spec?.operators ?? OPERATORS;
}

const isNumeric = (spec: AttributeSpec) => spec.type === 'number' || spec.type === 'integer';

/**
 * One value as the attribute's type takes it, or undefined when it cannot be one: numbers from numeric
 * text, booleans from "true" / "false", codes normalised and kept only when in the domain, text from
 * numbers. Without a spec (unknown attribute) any scalar is kept as it is.
 */
export function coerceScalar(raw: unknown, spec: AttributeSpec | undefined): Scalar | undefined {
  if (!spec) return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : undefined;
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n)) return undefined;
      return spec.type === 'integer' && !Number.isInteger(n) ? undefined : n;
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return undefined;
    case 'enum':
    case 'country':
    case 'currency': {
      if (typeof raw !== 'string') return undefined;
      const code = normaliseString(raw.trim(), spec.normalise);
      return spec.domain && !spec.domain.includes(code) ? undefined : code;
    }
    case 'string':
    case 'string_list':
      if (typeof raw === 'string') return raw;
      return typeof raw === 'number' ? String(raw) : undefined;
  }
}

const scalarsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * The value a rule keeps when its attribute or operator changes: what still fits the new type, in the
 * shape the operator takes (a list for in / not_in, [min, max] for between, one value otherwise, none
 * for exists / not_exists). Nothing sensible to keep gives an empty list or no value: the inspector
 * then shows an empty input and the checker says a value is needed, rather than inventing one.
 */
export function coerceValue(value: unknown, spec: AttributeSpec | undefined, operator: Operator): RuleValue | undefined {
  const shape = valueShape(operator);
  if (shape === 'none') return undefined;
  const scalars = scalarsOf(value).map((v) => coerceScalar(v, spec)).filter((v): v is Scalar => v !== undefined);
  if (shape === 'list') return [...new Set(scalars)];
  if (shape === 'range') {
    const numbers = scalars.filter((v): v is number => typeof v === 'number');
    if (numbers.length >= 2) return [numbers[0]!, numbers[1]!];
    return numbers.length === 1 ? [numbers[0]!, numbers[0]!] : undefined;
  }
  return scalars[0];
}

/** A rule in the canonical key order, without a value when it has none. */
export function makeRule(attribute: string, operator: Operator, value: RuleValue | undefined): AttributeRule {
  return value === undefined ? { attribute, operator } : { attribute, operator, value };
}

/**
 * The rule after picking another attribute: the operator stays when the new type allows it, else the
 * first one it allows; the value is kept where it still fits (see coerceValue).
 */
export function changeAttribute(rule: AttributeRule, attribute: string, catalog: Catalog): AttributeRule {
  const spec = catalog.get(attribute);
  const allowed = operatorsFor(spec);
  const operator = allowed.includes(rule.operator) ? rule.operator : allowed[0]!;
  return makeRule(attribute, operator, coerceValue(rule.value, spec, operator));
}

/** The rule after picking another operator: the value reshaped (one value ↔ a list ↔ a range). */
export function changeOperator(rule: AttributeRule, operator: Operator, catalog: Catalog): AttributeRule {
  return makeRule(rule.attribute, operator, coerceValue(rule.value, catalog.get(rule.attribute), operator));
}

/** A fresh rule on the first attribute of the catalog, with its first operator and no value yet. */
export function newRule(catalog: Catalog): AttributeRule {
  const spec = catalog.list()[0];
  if (!spec) return { attribute: 'amount', operator: 'gt' };
  return makeRule(spec.name, spec.operators[0]!, undefined);
}

/**
 * Parses what was typed into a single-value field. Empty text means no value. Numbers that do not
 * parse stay text, so the checker names the problem instead of the field silently dropping input.
 */
export function parseTyped(text: string, spec: AttributeSpec | undefined): Scalar | undefined {
  if (text.trim() === '') return undefined;
  if (spec && isNumeric(spec)) {
    const n = Number(text.trim());
    return Number.isFinite(n) ? n : text;
  }
  if (spec?.type === 'boolean') return coerceScalar(text.trim(), spec) ?? text;
  return text;
}

/** Parses a comma- or newline-separated list typed into a free list field (numbers, BINs, text). */
export function parseTypedList(text: string, spec: AttributeSpec | undefined): Scalar[] {
  const items = text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== '');
  return [...new Set(items.map((item) => parseTyped(item, spec)!))];
}

/** A value as the text of an input (lists joined with ", "). */
export function valueText(value: RuleValue | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** The [min, max] problem of a between range, as the compiler words it; null when fine or incomplete. */
export function rangeProblem(value: RuleValue | undefined): string | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [min, max] = value;
  if (typeof min !== 'number' || typeof max !== 'number') return null;
  return min > max ? `min (${min}) is greater than max (${max})` : null;
}

/**
 * The values that do not have the attribute's shape (a BIN is 6 digits), with its hint. The shape
 * applies to eq / neq / in / not_in, as in the compiler; a prefix for starts_with may be shorter.
 */
export function patternProblem(value: RuleValue | undefined, spec: AttributeSpec | undefined, operator: Operator): string | null {
  if (!spec?.pattern || !['eq', 'neq', 'in', 'not_in'].includes(operator)) return null;
  const pattern = new RegExp(spec.pattern.regex);
  const bad = scalarsOf(value).filter((v) => typeof v === 'string' && !pattern.test(v));
  if (bad.length === 0) return null;
  return `${bad.map((v) => `"${String(v)}"`).join(', ')}: ${spec.pattern.hint}`;
}

/**
 * Why a `matches` expression is refused, or null. The evaluator runs RE2 (linear time), so anything
 * RE2 rejects (backreferences, lookaround) is refused here exactly as the compiler refuses it.
 */
export function regexProblem(source: string): string | null {
  try {
    RE2JS.compile(source);
    return null;
  } catch (caught) {
    return caught instanceof Error ? caught.message : 'not a valid expression';
  }
}

