'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { CreateKeyState } from '@/lib/api/key-form';
import { idleForm } from '@/lib/forms/form-state';
import { NewSecret } from './new-secret';
import styles from './api.module.css';

const SCOPES = [
  { value: 'read', label: 'read', hint: 'list and get; simulate' },
  { value: 'write', label: 'write', hint: 'create, change, delete, publish, activate' },
  { value: 'decide', label: 'decide', hint: 'POST /api/v1/decide' },
] as const;

/** Name and scopes in; on success the secret, shown once with a copy button. */
export function CreateKeyForm({ action }: { action: (state: CreateKeyState, form: FormData) => Promise<CreateKeyState> }) {
  const [state, formAction] = useActionState(action, idleForm as CreateKeyState);
  const errors = (key: string) => state.fieldErrors?.[key] ?? Object.entries(state.fieldErrors ?? {}).filter(([k]) => k.startsWith(`${key}.`)).flatMap(([, m]) => m);
  const chosen = state.values?.scopes;
  const isChosen = (scope: string) => (chosen === undefined ? scope !== 'write' : ([] as unknown[]).concat(chosen).includes(scope));
  return (
    <>
      {state.created && <NewSecret key={`secret-${state.created.id}`} {...state.created} />}
      {/* Keys are opaque ids, never the secret: React prints keys in warnings, and the dev server logs those. */}
      <form key={state.created ? `form-${state.created.id}` : JSON.stringify(state.values ?? {})} action={formAction} className="form panel" noValidate>
        <h2>New API key</h2>
        {state.status === 'error' && <FormMessage state={state} />}
        <div className="form-row">
          <Field label="Name" htmlFor="key-name" errors={errors('name')} hint="Who uses it, e.g. “checkout backend (prod)”">
            <input id="key-name" name="name" defaultValue={String(state.values?.name ?? '')} maxLength={100} />
          </Field>
          <Field label="Scopes" errors={errors('scopes')}>
            <div className={styles.scopes} role="group" aria-label="Scopes">
              {SCOPES.map((scope) => (
                <label key={scope.value} title={scope.hint}>
                  <input type="checkbox" name="scopes" value={scope.value} defaultChecked={isChosen(scope.value)} />
                  <strong>{scope.label}</strong>
                  <span className="muted">{scope.hint}</span>
                </label>
              ))}
            </div>
          </Field>
        </div>
        <div>
          <SubmitButton>Create API key</SubmitButton>
        </div>
      </form>
    </>
  );
}
