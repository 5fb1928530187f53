'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, listFieldErrors, type FormState } from '@/lib/forms/form-state';

/** What the decision log keeps: fields never stored, and for how many days. Admins change it. */
export function DecisionLogForm({ action, redacted, retentionDays, warnings, canChange }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  redacted: readonly string[];
  retentionDays: number;
  /** Redacted fields that rules read. */
  warnings: readonly string[];
  canChange: boolean;
}) {
  const [state, formAction] = useActionState(action, idleForm);
  const fields = String(state.values?.redacted_fields ?? redacted.join('\n'));
  return (
    <form key={formKey(state)} action={formAction} className="form panel" aria-label="Decision log" data-testid="decision-log-settings" noValidate>
      <h2>Decision log</h2>
      <p className="muted">Every decide answer is recorded with its transaction for the traffic dashboard and replays; these fields are left out of it.</p>
      <FormMessage state={state} />
      {warnings.length > 0 && (
        <ul className="panel panel-error" data-testid="redaction-warnings">
          {warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      <div className="form-row">
        <Field label="Never stored" htmlFor="redacted_fields" errors={listFieldErrors(state, 'redacted_fields', fields.split(/[\s,]+/).filter(Boolean))} hint="One per line: customer.email, metadata.<key>, or metadata.* for all metadata">
          <textarea id="redacted_fields" name="redacted_fields" rows={3} defaultValue={fields} disabled={!canChange} />
        </Field>
        <Field label="Keep (days)" htmlFor="retention_days" errors={state.fieldErrors?.retention_days} hint="Older days are dropped whole">
          <input id="retention_days" name="retention_days" type="number" min={1} max={400} defaultValue={String(state.values?.retention_days ?? retentionDays)} disabled={!canChange} />
        </Field>
      </div>
      {canChange ? <div><SubmitButton>Save decision log settings</SubmitButton></div> : <p className="muted">Admins change this.</p>}
    </form>
  );
}
