import type { AttributeSpec, AttributeType, Catalog } from '../catalog/types';
import { METADATA_PREFIX } from '../catalog/builtin';
import type { Operator, Rule, RuleValue } from '../scheme/schema';
import { withOtherNames } from '../forms/other-names';
import type { CodeOption } from '../forms/code-search';
import { OPERATOR_WORDS } from '../catalog/operator-words';

/**
 * The filter form edits rules as rows: attribute, operator, value as typed (text, a list of codes,
 * or min and max), or a reference to another filter. These convert rows to the scheme format's rules
 * and back; the values are typed by the attribute (numbers for amounts, true/false for flags), and
 * whatever does not fit is sent as typed, so the server's catalog check names the problem.
 */
export type RuleRow =
  | { kind: 'attribute'; attribute: string; operator: Operator; text: string; list: string[]; min: string; max: string }
  | { kind: 'filter'; filter: string };

/** An attribute as the form needs it in the browser. */
export interface AttributeChoice {
  name: string;
  label: string;
  group: string;
  type: AttributeType;
  operators: readonly Operator[];
  /** Key into FilterFormCatalog.domains, for attributes with a fixed set of values. */
  domain?: string;
}

export interface FilterFormCatalog {
  attributes: AttributeChoice[];
  domains: Record<string, CodeOption[]>;
}

/** The catalog trimmed for the form: country and currency lists are sent once, not once per attribute. */
export function filterFormCatalog(catalog: Catalog): FilterFormCatalog {
  const domains: Record<string, CodeOption[]> = {};
  const attributes = catalog.list().map((spec): AttributeChoice => {
    const key = spec.type === 'country' || spec.type === 'currency' ? spec.type : spec.name;
    if (spec.values?.length && !domains[key]) domains[key] = withOtherNames(spec.values.map((v) => ({ code: v.code, name: v.name })));
    else if (!spec.values && spec.domain?.length && !domains[key]) domains[key] = spec.domain.map((code) => ({ code, name: code }));
    return {
      name: spec.name,
      label: spec.label,
      group: spec.group,
      type: spec.type,
      operators: spec.operators,
      ...(domains[key] ? { domain: key } : {}),
    };
  });
  return { attributes, domains };
}

/** What an attribute that is not in the list is taken as (free metadata keys are strings). */
export function choiceFor(name: string, attributes: readonly AttributeChoice[]): AttributeChoice | undefined {
  const found = attributes.find((a) => a.name === name);
  if (found || !name.startsWith(METADATA_PREFIX)) return found;
  return { name, label: `Metadata: ${name.slice(METADATA_PREFIX.length)}`, group: 'Metadata', type: 'string', operators: METADATA_OPERATORS };
}

const METADATA_OPERATORS: readonly Operator[] = ['eq', 'neq', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'ends_with', 'exists', 'not_exists', 'matches'];

export const operatorTakes = (operator: Operator): 'none' | 'list' | 'range' | 'one' =>
  operator === 'exists' || operator === 'not_exists' ? 'none'
  : operator === 'in' || operator === 'not_in' ? 'list'
  : operator === 'between' ? 'range'
  : 'one';

function typed(text: string, type: AttributeType | undefined): string | number | boolean {
  const trimmed = text.trim();
  if ((type === 'number' || type === 'integer') && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (type === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return type === 'number' || type === 'integer' || type === 'boolean' ? trimmed : text;
}

export function ruleFromRow(row: RuleRow, attribute: AttributeChoice | undefined): Rule {
  if (row.kind === 'filter') return { filter: row.filter };
  const base = { attribute: row.attribute, operator: row.operator };
  const type = attribute?.type;
  switch (operatorTakes(row.operator)) {
    case 'none':
      return base;
    case 'list': {
      // Typed lists ("100, 200") split like pasted code lists.
      const items = attribute?.domain ? row.list : row.text.split(/[,\n]+/).map((s) => s.trim()).filter(Boolean);
      return { ...base, value: items.map((item) => typed(item, type)) };
    }
    case 'range':
      return { ...base, value: [typed(row.min, type), typed(row.max, type)] };
    default:
      return { ...base, value: typed(row.text, type) };
  }
}

const asText = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function rowFromRule(rule: Rule): RuleRow {
  if ('filter' in rule) return { kind: 'filter', filter: rule.filter };
  const value: RuleValue | undefined = rule.value;
  const list = Array.isArray(value) ? value.map(asText) : [];
  return {
    kind: 'attribute',
    attribute: rule.attribute,
    operator: rule.operator,
    text: Array.isArray(value) ? list.join(', ') : asText(value),
    list,
    min: Array.isArray(value) ? asText(value[0]) : '',
    max: Array.isArray(value) ? asText(value[1]) : '',
  };
}

export const emptyRow = (attribute: AttributeSpec | AttributeChoice): RuleRow => ({
  kind: 'attribute',
  attribute: attribute.name,
  operator: attribute.operators.includes('eq') ? 'eq' : attribute.operators[0]!,
  text: '',
  list: [],
  min: '',
  max: '',
});

/** One rule in words, for lists: "Customer IP country is one of KP, IR, SY". */
export function ruleInWords(rule: Rule, attributes: readonly AttributeChoice[], filterName: (id: string) => string): string {
  if ('filter' in rule) return `matches filter “${filterName(rule.filter)}”`;
  const label = choiceFor(rule.attribute, attributes)?.label ?? rule.attribute;
  const value = rule.value === undefined ? '' : Array.isArray(rule.value) ? (rule.operator === 'between' ? rule.value.join(' and ') : rule.value.join(', ')) : String(rule.value);
  return `${label} ${OPERATOR_WORDS[rule.operator]}${value ? ` ${value}` : ''}`;
}
