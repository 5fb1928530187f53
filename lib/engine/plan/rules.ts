import type { AttributeSpec, Catalog } from '../../catalog/types';
import type { AttributeRule, Operator, Rule } from '../../scheme/schema';
import type { Filter, RuleTrace } from '../types';
import { normaliserFor, type StringNormaliser } from './normalise';
import { acceptsKind, kindOf, NEGATED, normaliseRuleValue, positivePredicate, type Predicate, type ValueKind } from './operators';
import { pathReader, type Reader } from './read';
import { derivedReader } from './time';

/**
 * Rules and groups of rules compiled to closures. `test` is the hot path (no allocation); `trace`
 * evaluates the same rule and reports what it read. Filters ({filter: id}) are inlined from the
 * registry; a filter that is unknown or that (indirectly) references itself evaluates to false.
 */

export type Test = (tx: unknown) => boolean;

export interface CompiledRule {
  readonly test: Test;
  readonly trace: (tx: unknown) => RuleTrace;
  /** What the rule is, for the code generator (codegen.ts); `test` stays the reference. */
  readonly shape: RuleShape;
}

/** A rule described for code generation: a comparison on one attribute, a group (filter), or always false. */
export type RuleShape =
  | {
      readonly type: 'attribute';
      readonly attribute: string;
      readonly read: Reader;
      /** True for time attributes: read through `read`, not a property path. */
      readonly derived: boolean;
      readonly kind: ValueKind;
      /** The positive twin of the operator (eq for neq, ...); exists for not_exists. */
      readonly positiveOperator: Operator;
      readonly negated: boolean;
      readonly expected: unknown;
      readonly normalise: StringNormaliser;
      /** The closure predicate on the read value (already negated when `negated`). */
      readonly predicate: Predicate;
    }
  | { readonly type: 'group'; readonly match: 'all' | 'any'; readonly rules: readonly CompiledRule[] }
  | { readonly type: 'never' };

export interface RuleContext {
  catalog: Catalog;
  filters: ReadonlyMap<string, Filter>;
  /** Shared created_at clock in the plan's time zone; built lazily, only when a rule needs it. */
  clock: () => (tx: unknown) => unknown;
  /** Filter ids being compiled, to cut reference cycles. */
  expanding: Set<string>;
  /** One reader per attribute, shared by every rule that reads it. */
  readers: Map<string, Reader>;
}

const FALSE: Test = () => false;
const NEVER_SHAPE: RuleShape = Object.freeze({ type: 'never' });

export function compileRule(rule: Rule, context: RuleContext): CompiledRule {
  return 'filter' in rule ? compileFilterRule(rule.filter, context) : compileAttributeRule(rule, context);
}

/** Joins rules with `all` (AND, vacuously true) or `any` (OR, vacuously false); short-circuits. */
export function joinTests(tests: readonly Test[], match: 'all' | 'any'): Test {
  const all = match === 'all';
  if (tests.length === 0) return all ? () => true : FALSE;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return all ? (tx) => a(tx) && b(tx) : (tx) => a(tx) || b(tx);
  }
  const list = tests.slice();
  return all
    ? (tx) => {
        for (let i = 0; i < list.length; i++) if (!list[i]!(tx)) return false;
        return true;
      }
    : (tx) => {
        for (let i = 0; i < list.length; i++) if (list[i]!(tx)) return true;
        return false;
      };
}

function compileFilterRule(id: string, context: RuleContext): CompiledRule {
  const filter = context.filters.get(id);
  if (filter === undefined || context.expanding.has(id)) {
    return { test: FALSE, trace: () => ({ filter: id, result: false, rules: [] }), shape: NEVER_SHAPE };
  }
  context.expanding.add(id);
  const rules = filter.rules.map((rule) => compileRule(rule, context));
  context.expanding.delete(id);
  const match = filter.match ?? 'all';
  const test = joinTests(rules.map((r) => r.test), match);
  return {
    test,
    trace: (tx) => {
      const traces = rules.map((r) => r.trace(tx));
      return { filter: id, result: combine(traces, match), rules: traces };
    },
    shape: { type: 'group', match, rules },
  };
}

export function combine(traces: readonly RuleTrace[], match: 'all' | 'any'): boolean {
  return match === 'all' ? traces.every((t) => t.result) : traces.some((t) => t.result);
}

function readerFor(spec: AttributeSpec | undefined, attribute: string, context: RuleContext): Reader {
  let reader = context.readers.get(attribute);
  if (reader === undefined) {
    reader = spec?.derived ? derivedReader(spec.derived, spec.type, context.clock()) : pathReader(attribute);
    context.readers.set(attribute, reader);
  }
  return reader;
}

/** A transaction value as the trace shows it: normalised like the rule's value. */
function display(value: unknown, normalise: StringNormaliser): unknown {
  if (typeof value === 'string') return normalise(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? normalise(item) : item));
  return value;
}

function compileAttributeRule(rule: AttributeRule, context: RuleContext): CompiledRule {
  const spec = context.catalog.get(rule.attribute);
  const kind = kindOf(spec?.type);
  const normalise = normaliserFor(spec?.normalise);
  const read = readerFor(spec, rule.attribute, context);
  const accepts = acceptsKind(kind);
  const expected = normaliseRuleValue(kind, rule.value, normalise);
  const { attribute, operator } = rule;

  const presence = operator === 'exists' || operator === 'not_exists';
  const positive = presence
    ? accepts
    : positivePredicate(kind, operator, expected, rule.value, normalise, spec !== undefined && spec.normalise !== 'none');
  const negated = operator === 'not_exists' || NEGATED[operator] !== undefined;
  const fromValue: Predicate = negated ? (v) => !positive(v) : positive;
  // Reader and predicate composed directly: one call less per rule on the hot path.
  const test: Test = negated ? (tx) => !positive(read(tx)) : (tx) => positive(read(tx));

  // A derived attribute reads NaN when created_at is present but not accepted (time.ts).
  const derived = Boolean(spec?.derived);
  const base = rule.value === undefined ? { attribute, operator } : { attribute, operator, expected };
  return {
    test,
    shape: {
      type: 'attribute', attribute, read, derived, kind,
      positiveOperator: presence ? 'exists' : (NEGATED[operator] ?? operator), negated, expected, normalise, predicate: fromValue,
    },
    trace: (tx) => {
      const value = read(tx);
      const result = fromValue(value);
      if (value === undefined) return { ...base, missing: 'absent', result };
      if (value === null) return { ...base, missing: 'null', result };
      if (!accepts(value)) return { ...base, missing: derived && Number.isNaN(value) ? 'invalid' : 'wrong_type', result };
      return { ...base, actual: display(value, normalise), result };
    },
  };
}
