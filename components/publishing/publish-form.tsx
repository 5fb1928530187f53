'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';
import styles from './publishing.module.css';

/**
 * Publish the draft: a note, "activate now", and — when saved test cases fail — the reason for
 * publishing anyway, which is recorded with the version. The server checks everything again.
 */
export function PublishForm({ action, revision, blocked, failingTests, fourEyes }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  revision: number;
  /** The draft does not compile: publishing is refused. */
  blocked: boolean;
  failingTests: number;
  /** Four-eyes: the button sends a request instead. */
  fourEyes: boolean;
}) {
  const [state, formAction] = useActionState(action, idleForm);
  const errors = state.fieldErrors ?? {};
  const otherIssues = Object.entries(errors).filter(([key]) => key !== 'note' && key !== 'override_reason');
  return (
    <form key={formKey(state)} action={formAction} className="form" noValidate data-testid="publish-form">
      <FormMessage state={state} />
      {otherIssues.length > 0 && (
        <ul className={styles.issues} data-testid="publish-issues">
          {otherIssues.map(([key, messages]) => (
            <li key={key}>
              <code>{key}</code>: {messages.join('; ')}
            </li>
          ))}
        </ul>
      )}
      <input type="hidden" name="expected_revision" value={revision} />
      <div className="form-row">
        <Field label="Note" htmlFor="publish-note" errors={errors.note} hint="What changed and why; shown in the history.">
          <textarea id="publish-note" name="note" rows={2} defaultValue={String(state.values?.note ?? '')} />
        </Field>
        {failingTests > 0 && (
          <Field label="Override reason" htmlFor="publish-override" errors={errors.override_reason} hint={`${failingTests} test case(s) fail; say why this may go out anyway.`}>
            <textarea id="publish-override" name="override_reason" rows={2} defaultValue={String(state.values?.override_reason ?? '')} />
          </Field>
        )}
      </div>
      <p className={styles.checkbox}>
        <input type="checkbox" id="publish-activate" name="activate" defaultChecked={state.values?.activate === 'on'} />
        <label htmlFor="publish-activate">Activate this version now (decide uses it at once)</label>
      </p>
      <SubmitButton disabled={blocked}>{fourEyes ? `Request publishing revision ${revision}` : `Publish revision ${revision}`}</SubmitButton>
    </form>
  );
}
