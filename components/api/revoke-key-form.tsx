'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormState } from '@/lib/forms/form-state';

/** Revoke, after a confirmation: requests with the key are refused from then on, on every instance. */
export function RevokeKeyForm({ action, name }: { action: (state: FormState, form: FormData) => Promise<FormState>; name: string }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form
      action={formAction}
      className="inline-form"
      onSubmit={(event) => {
        if (!window.confirm(`Revoke "${name}"? Requests using it will be refused with 401.`)) event.preventDefault();
      }}
    >
      <SubmitButton className="button small danger" aria-label={`Revoke ${name}`}>
        Revoke
      </SubmitButton>
      {state.status === 'error' && <span className="field-error"> {state.message}</span>}
    </form>
  );
}
