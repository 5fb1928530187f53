'use client';

import { useActionState, useState } from 'react';
import Link from 'next/link';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { RuleRowEditor } from './rule-row-editor';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';
import { choiceFor, emptyRow, ruleFromRow, rowFromRule, type FilterFormCatalog, type RuleRow } from '@/lib/filters/rule-rows';
import type { Rule } from '@/lib/scheme/schema';

/** Problems reported under a rule ("rules.2.value" → row 2), with the part they concern. */
function rowErrors(state: FormState, index: number): string[] {
  const prefix = `rules.${index}`;
  return Object.entries(state.fieldErrors ?? {}).flatMap(([key, messages]) => (key === prefix || key.startsWith(`${prefix}.`) ? messages : []));
}

/** Create or edit a shared filter: a name, all/any, and rule rows built from the attribute catalog. */
export function FilterForm({ action, initial, catalog, otherFilters, mode }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initial: { name: string; match: 'all' | 'any'; rules: Rule[] };
  catalog: FilterFormCatalog;
  otherFilters: readonly { id: string; name: string }[];
  mode: 'create' | 'edit';
}) {
  const [state, formAction] = useActionState(action, idleForm);
  // Each row keeps a key of its own, so removing one never hands its inputs' state to the next.
  const [nextKey, setNextKey] = useState(initial.rules.length + 1);
  const [items, setItems] = useState<{ key: number; row: RuleRow }[]>(() =>
    (initial.rules.length ? initial.rules.map(rowFromRule) : [emptyRow(catalog.attributes[0]!)]).map((row, key) => ({ key, row })),
  );
  const rules = items.map(({ row }) => ruleFromRow(row, row.kind === 'attribute' ? choiceFor(row.attribute, catalog.attributes) : undefined));
  const addRow = () => {
    setItems([...items, { key: nextKey, row: emptyRow(catalog.attributes[0]!) }]);
    setNextKey(nextKey + 1);
  };
  const match = String(state.values?.match ?? initial.match);

  return (
    <form key={formKey(state)} action={formAction} className="form panel" noValidate>
      <FormMessage state={state} />
      <div className="form-row">
        <Field label="Name" htmlFor="name" errors={state.fieldErrors?.name} required>
          <input id="name" name="name" defaultValue={String(state.values?.name ?? initial.name)} aria-required placeholder="High-risk IP countries" />
        </Field>
        <Field label="Matches when" errors={state.fieldErrors?.match}>
          <div className="inline-choice">
            <label>
              <input type="radio" name="match" value="all" defaultChecked={match === 'all'} /> all rules hold
            </label>
            <label>
              <input type="radio" name="match" value="any" defaultChecked={match === 'any'} /> any rule holds
            </label>
          </div>
        </Field>
      </div>
      <Field label="Rules" errors={state.fieldErrors?.rules}>
        <div className="rule-rows" data-testid="rule-rows">
          {items.map(({ key, row }, index) => (
            <RuleRowEditor
              key={key}
              row={row}
              index={index}
              catalog={catalog}
              otherFilters={otherFilters}
              errors={rowErrors(state, index)}
              onChange={(next) => setItems(items.map((item) => (item.key === key ? { key, row: next } : item)))}
              onRemove={() => setItems(items.filter((item) => item.key !== key))}
            />
          ))}
        </div>
        <div>
          <button type="button" className="button" onClick={addRow}>
            Add rule
          </button>
        </div>
      </Field>
      <input type="hidden" name="rules" value={JSON.stringify(rules)} />
      <details>
        <summary className="muted">Rules as JSON</summary>
        <pre className="json">{JSON.stringify(rules, null, 2)}</pre>
      </details>
      <div>
        <SubmitButton>{mode === 'create' ? 'Create filter' : 'Save filter'}</SubmitButton>{' '}
        <Link href="/filters" className="button">
          Cancel
        </Link>
      </div>
    </form>
  );
}
