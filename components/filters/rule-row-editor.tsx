'use client';

import { CodeListInput } from '@/components/ui/code-list-input';
import { OPERATOR_WORDS } from '@/lib/catalog/operator-words';
import { choiceFor, emptyRow, operatorTakes, type FilterFormCatalog, type RuleRow } from '@/lib/filters/rule-rows';
import type { Operator } from '@/lib/scheme/schema';

/** One rule: what it reads (an attribute, or another filter), how it compares, and the value. */
export function RuleRowEditor({ row, index, catalog, otherFilters, errors, onChange, onRemove }: {
  row: RuleRow;
  index: number;
  catalog: FilterFormCatalog;
  otherFilters: readonly { id: string; name: string }[];
  errors: readonly string[];
  onChange: (row: RuleRow) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const groups = [...new Set(catalog.attributes.map((a) => a.group))];
  const subject = row.kind === 'filter' ? `filter:${row.filter}` : `attr:${row.attribute}`;
  const attribute = row.kind === 'attribute' ? choiceFor(row.attribute, catalog.attributes) : undefined;

  function pickSubject(value: string) {
    if (value.startsWith('filter:')) return onChange({ kind: 'filter', filter: value.slice('filter:'.length) });
    const next = choiceFor(value.slice('attr:'.length), catalog.attributes);
    if (next) onChange(emptyRow(next));
  }

  return (
    <div className={errors.length ? 'rule-row field-invalid' : 'rule-row'} data-testid={`rule-${index}`}>
      <select aria-label={`Rule ${n}: attribute`} value={subject} onChange={(e) => pickSubject(e.target.value)}>
        {attribute && !catalog.attributes.some((a) => a.name === attribute.name) && <option value={subject}>{attribute.label}</option>}
        {groups.map((group) => (
          <optgroup key={group} label={group}>
            {catalog.attributes
              .filter((a) => a.group === group)
              .map((a) => (
                <option key={a.name} value={`attr:${a.name}`}>
                  {a.label}
                </option>
              ))}
          </optgroup>
        ))}
        {(otherFilters.length > 0 || row.kind === 'filter') && (
          <optgroup label="Another filter">
            {row.kind === 'filter' && !otherFilters.some((f) => f.id === row.filter) && <option value={subject}>{row.filter}</option>}
            {otherFilters.map((f) => (
              <option key={f.id} value={`filter:${f.id}`}>
                {f.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {row.kind === 'filter' ? (
        <span className="muted rule-note">matches when that filter matches</span>
      ) : (
        <>
          <select aria-label={`Rule ${n}: operator`} value={row.operator} onChange={(e) => onChange({ ...row, operator: e.target.value as Operator })}>
            {(attribute?.operators ?? [row.operator]).map((op) => (
              <option key={op} value={op}>
                {OPERATOR_WORDS[op]}
              </option>
            ))}
          </select>
          <ValueInput row={row} n={n} catalog={catalog} onChange={onChange} />
        </>
      )}
      <button type="button" className="button small danger" aria-label={`Remove rule ${n}`} onClick={onRemove}>
        Remove
      </button>
      {errors.length > 0 && (
        <small className="field-error" role="alert">
          {errors.join('; ')}
        </small>
      )}
    </div>
  );
}

function ValueInput({ row, n, catalog, onChange }: {
  row: Extract<RuleRow, { kind: 'attribute' }>;
  n: number;
  catalog: FilterFormCatalog;
  onChange: (row: RuleRow) => void;
}) {
  const attribute = choiceFor(row.attribute, catalog.attributes);
  const domain = attribute?.domain ? catalog.domains[attribute.domain] : undefined;
  const label = `Rule ${n}: value`;
  const numeric = attribute?.type === 'number' || attribute?.type === 'integer';
  switch (operatorTakes(row.operator)) {
    case 'none':
      return <span className="muted rule-note">no value</span>;
    case 'list':
      return domain ? (
        <CodeListInput
          key={row.attribute}
          label={label}
          options={domain}
          defaultValue={row.list}
          upperCase={attribute?.type === 'country' || attribute?.type === 'currency'}
          placeholder="type or paste codes or names"
          onChange={(list) => onChange({ ...row, list })}
        />
      ) : (
        <input aria-label={label} value={row.text} placeholder="values, separated by commas" onChange={(e) => onChange({ ...row, text: e.target.value })} />
      );
    case 'range':
      return (
        <span className="range-inputs">
          <input aria-label={`${label} from`} inputMode={numeric ? 'decimal' : undefined} value={row.min} placeholder="from" onChange={(e) => onChange({ ...row, min: e.target.value })} />
          <input aria-label={`${label} to`} inputMode={numeric ? 'decimal' : undefined} value={row.max} placeholder="to" onChange={(e) => onChange({ ...row, max: e.target.value })} />
        </span>
      );
    default:
      if (attribute?.type === 'boolean') {
        return (
          <select aria-label={label} value={row.text} onChange={(e) => onChange({ ...row, text: e.target.value })}>
            <option value="">choose…</option>
            <option value="true">yes (true)</option>
            <option value="false">no (false)</option>
          </select>
        );
      }
      if (domain && row.operator !== 'matches' && domain.length <= 60) {
        return (
          <select aria-label={label} value={row.text} onChange={(e) => onChange({ ...row, text: e.target.value })}>
            <option value="">choose…</option>
            {domain.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name === o.code ? o.code : `${o.code} — ${o.name}`}
              </option>
            ))}
          </select>
        );
      }
      return (
        <input
          aria-label={label}
          inputMode={numeric ? 'decimal' : undefined}
          value={row.text}
          placeholder={row.operator === 'matches' ? 'regular expression' : domain ? 'a code, e.g. DE' : 'value'}
          onChange={(e) => onChange({ ...row, text: e.target.value })}
        />
      );
  }
}
