'use client';

import type { Catalog } from '@/lib/catalog';
import type { Filter } from '@/lib/engine/types';
import { OPERATOR_WORDS } from '@/lib/catalog/operator-words';
import { changeAttribute, changeOperator, makeRule, operatorsFor } from '@/lib/editor/inspector-rules';
import type { AttributeRule, FilterRule, Operator, Rule } from '@/lib/scheme/schema';
import { AttributePicker } from './attribute-picker';
import { ValueInput } from './value-input';

/** One attribute rule: attribute, the operators its type allows, and the value input for both. */
export function AttributeRuleEditor({ rule, catalog, onChange, startOpen }: {
  rule: AttributeRule;
  catalog: Catalog;
  onChange: (rule: Rule) => void;
  startOpen?: boolean;
}) {
  const spec = catalog.get(rule.attribute);
  const operators = operatorsFor(spec);
  return (
    <div className="insp-rule-body">
      <AttributePicker catalog={catalog} value={rule.attribute} startOpen={startOpen} onPick={(name) => onChange(changeAttribute(rule, name, catalog))} />
      <select
        aria-label="Operator"
        className={operators.includes(rule.operator) ? undefined : 'invalid'}
        value={rule.operator}
        onChange={(e) => onChange(changeOperator(rule, e.target.value as Operator, catalog))}
      >
        {!operators.includes(rule.operator) && <option value={rule.operator}>{rule.operator} (not allowed here)</option>}
        {operators.map((op) => (
          <option key={op} value={op}>
            {OPERATOR_WORDS[op]} ({op})
          </option>
        ))}
      </select>
      <ValueInput rule={rule} spec={spec} onValue={(value) => onChange(makeRule(rule.attribute, rule.operator, value))} />
    </div>
  );
}

/** A reference to one of the account's named filters, picked by name. */
export function FilterRuleEditor({ rule, filters, onChange }: { rule: FilterRule; filters: readonly Filter[]; onChange: (rule: Rule) => void }) {
  const current = filters.find((f) => f.id === rule.filter);
  return (
    <div className="insp-rule-body">
      <select aria-label="Filter" className={current ? undefined : 'invalid'} value={rule.filter} onChange={(e) => onChange({ filter: e.target.value })}>
        {!current && <option value={rule.filter}>{rule.filter} (unknown filter)</option>}
        {filters.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name} ({f.id})
          </option>
        ))}
      </select>
      {current ? (
        <span className="insp-muted">
          {current.rules.length} rule{current.rules.length === 1 ? '' : 's'}, {current.match === 'any' ? 'any' : 'all'} must hold.
        </span>
      ) : (
        <span className="insp-error">This account has no filter “{rule.filter}”.</span>
      )}
    </div>
  );
}
