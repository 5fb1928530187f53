'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ROLE_ADDS, ROLE_LABELS, ROLES, type Role } from '@/lib/access/roles';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';

type Action = (state: FormState, form: FormData) => Promise<FormState>;

export function CreateUserForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, idleForm);
  const errors = (key: string) => state.fieldErrors?.[key];
  const value = (key: string) => (typeof state.values?.[key] === 'string' ? (state.values[key] as string) : undefined);
  return (
    <form action={formAction} key={formKey(state)} className="panel" aria-label="Add a user">
      <h2>Add a user</h2>
      <div className="form-row">
        <Field label="Email" htmlFor="user-email" errors={errors('email')}>
          <input id="user-email" name="email" type="email" defaultValue={value('email')} required />
        </Field>
        <Field label="Name" htmlFor="user-name">
          <input id="user-name" name="name" defaultValue={value('name')} />
        </Field>
        <Field label="Role" htmlFor="user-role" errors={errors('role')}>
          <select id="user-role" name="role" defaultValue={value('role') ?? 'viewer'}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Password" htmlFor="user-password" errors={errors('password')} hint="At least 10 characters.">
          <input id="user-password" name="password" type="password" autoComplete="new-password" required />
        </Field>
      </div>
      <FormMessage state={state} />
      <SubmitButton>Add user</SubmitButton>
    </form>
  );
}

export function RoleForm({ action, role, email }: { action: Action; role: Role; email: string }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="inline-form">
      <select name="role" defaultValue={role} aria-label={`Role of ${email}`} title={ROLE_ADDS[role]}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>{' '}
      <SubmitButton className="button small">Change role</SubmitButton>
      {state.message && <span className={state.status === 'error' ? 'field-error' : 'muted'} role={state.status === 'error' ? 'alert' : 'status'}> {state.message}</span>}
    </form>
  );
}

/** A one-button action on a user, asking first when it is hard to undo. */
export function UserButton({ action, label, confirm, danger = false }: { action: Action; label: string; confirm?: string; danger?: boolean }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form
      action={formAction}
      className="inline-form"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <SubmitButton className={danger ? 'button small danger' : 'button small'}>{label}</SubmitButton>
      {state.message && <span className={state.status === 'error' ? 'field-error' : 'muted'} role={state.status === 'error' ? 'alert' : 'status'}> {state.message}</span>}
    </form>
  );
}
