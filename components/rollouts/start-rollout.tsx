'use client';

import { useActionState, useState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';

/**
 * "Shadow" and "Canary…" for one published version: a shadow starts at once; a canary asks for its
 * share and guardrail first. The server checks everything again (live scheme, one rollout at a time).
 */
export function StartRollout({ version, action, fourEyes }: {
  version: number;
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fourEyes: boolean;
}) {
  const [state, formAction] = useActionState(action, idleForm);
  const [canary, setCanary] = useState(false);
  const errors = state.fieldErrors ?? {};
  const value = (name: string, fallback: string) => String(state.values?.[name] ?? fallback);
  return (
    <div className="rollout-start" data-testid={`rollout-start-${version}`}>
      <form action={formAction} className="inline-form">
        <input type="hidden" name="kind" value="shadow" />
        <SubmitButton className="button">{fourEyes ? 'Request shadow' : 'Shadow'}</SubmitButton>
      </form>{' '}
      <button type="button" className="button" aria-expanded={canary} onClick={() => setCanary(!canary)}>
        Canary…
      </button>
      {(canary || state.status !== 'idle') && (
        <form key={formKey(state)} action={formAction} className="form rollout-canary-form" noValidate aria-label={`Canary of v${version}`}>
          <FormMessage state={state} />
          <input type="hidden" name="kind" value="canary" />
          <div className="form-row">
            <Field label="Share of traffic (%)" htmlFor={`share-${version}`} errors={errors.share_percent} hint="1–99: payments chosen by transaction id, sticky per payment">
              <input id={`share-${version}`} name="share_percent" type="number" step="0.01" min="0.01" max="99" defaultValue={value('share_percent', '10')} />
            </Field>
            <Field label="Stop when approval drops by more than (points)" htmlFor={`drop-${version}`} errors={errors.max_drop_points}>
              <input id={`drop-${version}`} name="max_drop_points" type="number" step="0.1" defaultValue={value('max_drop_points', '2')} />
            </Field>
            <Field label="Minimum attempts per arm" htmlFor={`min-${version}`} errors={errors.min_attempts}>
              <input id={`min-${version}`} name="min_attempts" type="number" step="1" defaultValue={value('min_attempts', '200')} />
            </Field>
            <Field label="Evaluation window (seconds)" htmlFor={`window-${version}`} errors={errors.window_seconds} hint="The guardrail judges once per window">
              <input id={`window-${version}`} name="window_seconds" type="number" step="1" defaultValue={value('window_seconds', '300')} />
            </Field>
          </div>
          <p>
            <input type="checkbox" id={`auto-${version}`} name="auto_promote" defaultChecked={state.values?.auto_promote === 'true'} />{' '}
            <label htmlFor={`auto-${version}`}>Promote to all traffic by itself after a window with enough attempts and no breach</label>
          </p>
          <SubmitButton>{fourEyes ? `Request canary of v${version}` : `Start canary of v${version}`}</SubmitButton>
        </form>
      )}
    </div>
  );
}
