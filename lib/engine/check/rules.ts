import { RE2JS } from 're2js';
import type { AttributeRule, Rule } from '../../scheme/schema';
import { RuleSchema } from '../../scheme/schema';
import type { AttributeSpec, Catalog } from '../../catalog/types';
import { normaliseString } from '../../catalog/operators';
import type { Filter, Problem } from '../types';
import { error, type ErrorCode, type Path } from './problems';
import { didYouMean } from './suggest';

type Scalar = string | number | boolean;

const describeValue = (v: unknown) => (typeof v === 'string' ? `"${v}"` : Array.isArray(v) ? 'a list' : String(v));

const TYPE_NAMES: Record<AttributeSpec['type'], string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  enum: 'one of its values (a string)',
  country: 'a country code (ISO 3166-1 alpha-2)',
  currency: 'a currency code (ISO 4217)',
  boolean: 'true or false',
  string_list: 'a string',
};

/** Per attribute spec, its domain as a Set and its shape pattern compiled: rule values are checked by the thousand. */
const domains = new WeakMap<AttributeSpec, ReadonlySet<string>>();
const patterns = new WeakMap<AttributeSpec, RegExp>();

function inDomain(spec: AttributeSpec, domain: readonly string[], value: string): boolean {
  let set = domains.get(spec);
  if (set === undefined) domains.set(spec, (set = new Set(domain)));
  return set.has(value);
}

function fitsPattern(spec: AttributeSpec, source: string, value: string): boolean {
  let pattern = patterns.get(spec);
  if (pattern === undefined) patterns.set(spec, (pattern = new RegExp(source)));
  pattern.lastIndex = 0;
  return pattern.test(value);
}

/** One scalar against the attribute: type, range, domain (after normalisation) and shape. */
function wrongType(value: Scalar, spec: AttributeSpec, path: Path): Problem {
  return error('value_wrong_type', `${spec.name} takes ${TYPE_NAMES[spec.type]}, not ${describeValue(value)}.`, path);
}

function checkScalar(value: Scalar, spec: AttributeSpec, path: Path, checkShape: boolean): Problem | undefined {
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType(value, spec, path);
      if (spec.type === 'integer' && !Number.isInteger(value)) return wrongType(value, spec, path);
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        return error('value_out_of_range', `${spec.name} ranges from ${spec.min ?? '-∞'} to ${spec.max ?? '∞'}; ${value} is outside.`, path);
      }
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrongType(value, spec, path);
    case 'string':
    case 'string_list':
      if (typeof value !== 'string') return wrongType(value, spec, path);
      if (checkShape && spec.pattern && !fitsPattern(spec, spec.pattern.regex, value)) {
        return error('value_invalid_format', `"${value}" does not fit ${spec.name}: ${spec.pattern.hint}.`, path);
      }
      return undefined;
    case 'enum':
    case 'country':
    case 'currency': {
      if (typeof value !== 'string') return wrongType(value, spec, path);
      const normalised = normaliseString(value, spec.normalise);
      if (spec.domain && !inDomain(spec, spec.domain, normalised)) {
        const byName = spec.values?.find((v) => v.name.toLowerCase() === value.toLowerCase());
        const hint = byName ? ` Did you mean "${byName.code}" (${byName.name})?` : didYouMean(normalised, spec.domain);
        return error('value_out_of_domain', `"${value}" is not a value of ${spec.name}.${hint}`, path);
      }
      return undefined;
    }
  }
}

const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Everything wrong with one attribute rule: attribute, operator for its type, value type / domain / shape, regex. */
export function checkAttributeRule(rule: AttributeRule, path: Path, catalog: Catalog): Problem[] {
  const spec = catalog.get(rule.attribute);
  if (!spec) {
    const hint = didYouMean(rule.attribute, catalog.list().map((a) => a.name));
    return [error('unknown_attribute', `Unknown attribute "${rule.attribute}".${hint}`, [...path, 'attribute'])];
  }
  const { operator, value } = rule;
  if (!spec.operators.includes(operator)) {
    return [
      error('operator_not_allowed', `${spec.name} (${spec.type}) does not take "${operator}"; it takes ${spec.operators.join(', ')}.`, [...path, 'operator']),
    ];
  }
  const valuePath = [...path, 'value'];
  if (operator === 'exists' || operator === 'not_exists') {
    return value === undefined ? [] : [error('value_not_allowed', `"${operator}" takes no value.`, valuePath)];
  }
  if (value === undefined) return [error('value_missing', `"${operator}" needs a value.`, valuePath)];
  if (operator === 'in' || operator === 'not_in') {
    if (!Array.isArray(value)) return [error('value_not_list', `"${operator}" needs a list of values.`, valuePath)];
    if (value.length === 0) return [error('value_empty_list', `"${operator}" needs at least one value.`, valuePath)];
    return value.flatMap((item, i) => checkScalar(item, spec, [...valuePath, i], true) ?? []);
  }
  if (operator === 'between') {
    if (!Array.isArray(value) || value.length !== 2) {
      return [error('value_not_range', '"between" needs [min, max].', valuePath)];
    }
    const problems = value.flatMap((item, i) => checkScalar(item, spec, [...valuePath, i], false) ?? []);
    if (problems.length === 0 && (value[0] as number) > (value[1] as number)) {
      problems.push(error('range_inverted', `between [${value[0]}, ${value[1]}]: min is greater than max.`, valuePath));
    }
    return problems;
  }
  if (!isScalar(value)) {
    return [error('value_wrong_type', `"${operator}" takes one value, not a list; use "in" for several.`, valuePath)];
  }
  if (operator === 'matches') {
    if (typeof value !== 'string') return [error('value_wrong_type', '"matches" takes a regular expression string.', valuePath)];
    return regexProblem(value, valuePath);
  }
  const shaped = operator === 'eq' || operator === 'neq';
  const problem = checkScalar(value, spec, valuePath, shaped);
  return problem ? [problem] : [];
}

/** The evaluator runs RE2 (linear time); anything RE2 refuses (backreferences, lookaround) is an error. */
function regexProblem(source: string, path: Path): Problem[] {
  try {
    RE2JS.compile(source);
    return [];
  } catch (caught) {
    const reason = caught instanceof Error ? caught.message : 'not a valid expression';
    return [error('regex_invalid', `Regular expression rejected (only linear-time RE2 syntax is allowed): ${reason}.`, path)];
  }
}

/**
 * Checks the rules of registry filters once each, following references between filters and naming any
 * cycle. Problems are relative to the filter (paths like ["rules", 0, "value"]).
 */
export class FilterChecker {
  private readonly byId: Map<string, Filter>;
  private readonly results = new Map<string, { code: ErrorCode; message: string }[]>();

  constructor(filters: readonly Filter[] | undefined, private readonly catalog: Catalog) {
    this.byId = new Map((filters ?? []).map((f) => [f.id, f]));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): Filter | undefined {
    return this.byId.get(id);
  }

  /** Problems of the filter and the filters it references, as messages; [] when it is sound. */
  problemsOf(id: string, visiting: string[] = []): { code: ErrorCode; message: string }[] {
    const known = this.results.get(id);
    if (known) return known;
    if (visiting.includes(id)) {
      return [{ code: 'filter_cycle', message: `Filters reference each other in a cycle: ${[...visiting, id].join(' → ')}.` }];
    }
    const filter = this.byId.get(id);
    if (!filter) return [{ code: 'unknown_filter', message: `Unknown filter "${id}".` }];
    const found: { code: ErrorCode; message: string }[] = [];
    const rules: unknown = (filter as { rules?: unknown }).rules;
    if (!Array.isArray(rules) || rules.length === 0) {
      found.push({ code: 'filter_invalid', message: `Filter "${id}" has no rules.` });
    } else {
      rules.forEach((raw, i) => {
        const parsed = RuleSchema.safeParse(raw);
        if (!parsed.success) {
          found.push({ code: 'filter_invalid', message: `Filter "${id}", rule ${i}: malformed rule.` });
          return;
        }
        const rule: Rule = parsed.data;
        const inner =
          'filter' in rule
            ? this.problemsOf(rule.filter, [...visiting, id])
            : checkAttributeRule(rule, ['rules', i], this.catalog).map((p) => ({ code: p.code as ErrorCode, message: p.message }));
        for (const p of inner) found.push({ code: p.code, message: `Filter "${id}", rule ${i}: ${p.message}` });
      });
    }
    // A cycle result depends on where the walk entered, so only complete results are remembered.
    if (!found.some((p) => p.code === 'filter_cycle')) this.results.set(id, found);
    return found;
  }
}
