'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';

export function SetupForm({ action }: { action: (state: FormState, form: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, idleForm);
  const errors = (key: string) => state.fieldErrors?.[key];
  const value = (key: string) => (typeof state.values?.[key] === 'string' ? (state.values[key] as string) : undefined);
  return (
    <form action={formAction} key={formKey(state)} className="panel sign-in" aria-label="Create the first admin">
      <Field label="Email" htmlFor="setup-email" errors={errors('email')}>
        <input id="setup-email" name="email" type="email" autoComplete="username" defaultValue={value('email')} required autoFocus />
      </Field>
      <Field label="Name" htmlFor="setup-name" hint="Optional; shown in the audit trail with the email.">
        <input id="setup-name" name="name" defaultValue={value('name')} />
      </Field>
      <Field label="Password" htmlFor="setup-password" errors={errors('password')} hint="At least 10 characters.">
        <input id="setup-password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Password again" htmlFor="setup-password-again" errors={errors('password_again')}>
        <input id="setup-password-again" name="password_again" type="password" autoComplete="new-password" required />
      </Field>
      <FormMessage state={state} />
      <SubmitButton>Create admin</SubmitButton>
    </form>
  );
}
