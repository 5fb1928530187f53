'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';
import type { TestCaseOutcome, TestCaseRecord } from '@/lib/services/test-cases';
import styles from './publishing.module.css';

type Action = (state: FormState, form: FormData) => Promise<FormState>;

const EXAMPLE = '{"id": "tx_case_1", "amount": 120, "currency": "EUR", "payment_method": "card", "card": {"issuer_country": "DE"}}';

/** The scheme's saved test cases with their result against the draft, and a form to add one. */
export function TestCases({ cases, outcomes, addAction, deleteAction }: {
  cases: readonly TestCaseRecord[];
  /** Results against the draft, by test case id; absent when the draft does not compile. */
  outcomes: Readonly<Record<string, TestCaseOutcome>> | null;
  addAction: Action;
  /** Deletes the case named by the form's `case_id`. */
  deleteAction: Action;
}) {
  const [state, formAction] = useActionState(addAction, idleForm);
  const errors = state.fieldErrors ?? {};
  return (
    <>
      {cases.length > 0 && (
        <table className="table" data-testid="test-cases">
          <thead>
            <tr>
              <th>Name</th>
              <th>Expects</th>
              <th>Transaction</th>
              <th>Against the draft</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => {
              const outcome = outcomes?.[c.id];
              return (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>
                    {Object.entries(c.expected).map(([k, v]) => (
                      <div key={k}>
                        {k} = <code>{JSON.stringify(v)}</code>
                      </div>
                    ))}
                  </td>
                  <td>
                    <pre className={styles.pre}>{JSON.stringify(c.transaction)}</pre>
                  </td>
                  <td>
                    {!outcome ? (
                      <span className="muted">—</span>
                    ) : outcome.passed ? (
                      <span className="badge badge-active">passes</span>
                    ) : (
                      <>
                        <span className="badge badge-down">fails</span>
                        {outcome.mismatches.map((m) => (
                          <div key={m.field} className="muted">
                            {m.field}: got <code>{JSON.stringify(m.actual)}</code>
                          </div>
                        ))}
                      </>
                    )}
                  </td>
                  <td className="actions">
                    <DeleteCase action={deleteAction} id={c.id} name={c.name} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form key={formKey(state)} action={formAction} className="form" noValidate data-testid="add-test-case">
        <h3>Add a test case</h3>
        <FormMessage state={state} />
        <div className="form-row">
          <Field label="Name" htmlFor="case-name" errors={errors.name}>
            <input id="case-name" name="name" defaultValue={String(state.values?.name ?? '')} />
          </Field>
          <Field label="Expected outcome" htmlFor="case-outcome" errors={errors['expected.outcome']}>
            <select id="case-outcome" name="outcome" defaultValue={String(state.values?.outcome ?? '')}>
              <option value="">(any)</option>
              <option value="route">route</option>
              <option value="blocked">blocked</option>
              <option value="no_route">no_route</option>
            </select>
          </Field>
          <Field label="Expected processor" htmlFor="case-processor" errors={errors['expected.processor'] ?? errors.expected} hint="e.g. proc_stripe">
            <input id="case-processor" name="processor" defaultValue={String(state.values?.processor ?? '')} />
          </Field>
        </div>
        <Field label="Transaction (JSON)" htmlFor="case-transaction" errors={errors.transaction}>
          <textarea id="case-transaction" name="transaction" rows={3} defaultValue={String(state.values?.transaction ?? EXAMPLE)} />
        </Field>
        <p>
          <SubmitButton className="button">Save test case</SubmitButton>
        </p>
      </form>
    </>
  );
}

function DeleteCase({ action, id, name }: { action: Action; id: string; name: string }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="inline-form">
      <FormMessage state={state.status === 'error' ? state : idleForm} />
      <input type="hidden" name="case_id" value={id} />
      <SubmitButton className="button" aria-label={`Delete test case ${name}`}>
        Delete
      </SubmitButton>
    </form>
  );
}
