'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';

/** One name field and a button: creating a scheme and renaming one ask for the same thing. */
export function SchemeNameForm({ action, initialName, submitLabel, label }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initialName: string;
  submitLabel: string;
  label: string;
}) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form key={formKey(state)} action={formAction} className="form" noValidate>
      <FormMessage state={state} />
      <div className="form-row" style={{ alignItems: 'end' }}>
        <Field label={label} htmlFor={`scheme-name-${submitLabel}`} errors={state.fieldErrors?.name} required>
          <input id={`scheme-name-${submitLabel}`} name="name" defaultValue={String(state.values?.name ?? initialName)} aria-required />
        </Field>
        <div>
          <SubmitButton>{submitLabel}</SubmitButton>
        </div>
      </div>
    </form>
  );
}

/** A single-button action (duplicate) whose failure shows in place. */
export function ActionButton({ action, label }: { action: (state: FormState, form: FormData) => Promise<FormState>; label: string }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="inline-form">
      <FormMessage state={state} />
      <SubmitButton className="button">{label}</SubmitButton>
    </form>
  );
}
