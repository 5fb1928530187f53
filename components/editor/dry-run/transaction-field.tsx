'use client';

import type { AttributeSpec } from '@/lib/catalog';

/** One field of the dry run's form, its input chosen by the attribute's type in the catalog. */
export function TransactionField({ spec, value, disabled, onChange }: { spec: AttributeSpec; value: string; disabled: boolean; onChange(input: string): void }) {
  const id = `dry-run-${spec.name.replaceAll('.', '-')}`;
  const listId = `${id}-values`;
  const numeric = spec.type === 'number' || spec.type === 'integer';
  return (
    <div className="field">
      <label htmlFor={id} title={spec.description}>
        {spec.label}
      </label>
      {spec.type === 'boolean' ? (
        <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          id={id}
          inputMode={numeric ? 'decimal' : 'text'}
          list={spec.values ? listId : undefined}
          placeholder={spec.type === 'string_list' ? 'a, b, c' : undefined}
          disabled={disabled}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {spec.values && (
        <datalist id={listId}>
          {spec.values.map((v) => (
            <option key={v.code} value={v.code}>
              {v.name}
            </option>
          ))}
        </datalist>
      )}
    </div>
  );
}
