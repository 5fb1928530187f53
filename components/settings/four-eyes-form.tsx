'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormState } from '@/lib/forms/form-state';

/** Admins turn four-eyes approval of publishing and activation on or off. */
export function FourEyesForm({ action, on, canChange }: { action: (state: FormState, form: FormData) => Promise<FormState>; on: boolean; canChange: boolean }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="panel" aria-label="Four-eyes approval" data-testid="four-eyes">
      <h2>Four-eyes approval</h2>
      <p>
        {on ? 'On' : 'Off'}: {on ? 'a publish or activation is a request until a second publisher or admin approves it.' : 'publishers publish and activate directly, after a confirmation.'}
      </p>
      <input type="hidden" name="four_eyes" value={on ? 'off' : 'on'} />
      {canChange ? <SubmitButton className="button">{on ? 'Turn four-eyes off' : 'Turn four-eyes on'}</SubmitButton> : <p className="muted">Admins change this.</p>}
      <FormMessage state={state} />
    </form>
  );
}
