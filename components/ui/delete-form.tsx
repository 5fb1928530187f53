'use client';

import { useActionState } from 'react';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';
import { idleForm, type FormState } from '@/lib/forms/form-state';

/** A delete button that asks first and shows the server's refusal (e.g. "still referenced by …") in place. */
export function DeleteForm({ action, label, confirmText }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  label: string;
  confirmText: string;
}) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form
      action={formAction}
      className="panel"
      onSubmit={(event) => {
        if (!window.confirm(confirmText)) event.preventDefault();
      }}
    >
      <h2>Danger zone</h2>
      <FormMessage state={state} />
      <SubmitButton className="button danger">{label}</SubmitButton>
    </form>
  );
}
