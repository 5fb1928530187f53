'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';

/** A running canary's share, changed in place. */
export function ShareForm({ share, action }: { share: number; action: (state: FormState, form: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form key={formKey(state)} action={formAction} className="inline-form" noValidate>
      <FormMessage state={state} />
      <label htmlFor="rollout-share">Share (%)</label>{' '}
      <input id="rollout-share" name="share_percent" type="number" step="0.01" min="0.01" max="99" defaultValue={String(state.values?.share_percent ?? share)} style={{ width: 90 }} />{' '}
      <SubmitButton className="button">Change share</SubmitButton>
    </form>
  );
}
