'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, type FormState } from '@/lib/forms/form-state';
import { ROUTING_MODES } from '@/lib/engine/types';
import { ROUTING_MODE_LABELS } from '@/lib/routing-modes';
import type { AccountSettings } from '@/lib/services/settings';

export function SettingsForm({ action, settings, processors, routes, timeZones }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  /** IANA names offered as suggestions; any case is accepted and stored by its canonical name. */
  timeZones: readonly string[];
  settings: AccountSettings;
  processors: readonly { id: string; name: string; status: string }[];
  routes: readonly { id: string; name: string }[];
}) {
  const [state, formAction] = useActionState(action, idleForm);
  const value = (name: keyof AccountSettings) => String(state.values?.[name] ?? settings[name] ?? '');
  const errors = (key: string) => state.fieldErrors?.[key];
  return (
    <form key={formKey(state)} action={formAction} className="form panel" noValidate>
      <FormMessage state={state} />
      <Field label="Routing mode" htmlFor="routing_mode" errors={errors('routing_mode')} hint="Decides when no scheme is active, or always when not set to the active scheme">
        <select id="routing_mode" name="routing_mode" defaultValue={value('routing_mode')}>
          {ROUTING_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {ROUTING_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-row">
        <Field label="Default processor" htmlFor="default_processor_id" errors={errors('default_processor_id')}>
          <select id="default_processor_id" name="default_processor_id" defaultValue={value('default_processor_id')}>
            <option value="">None</option>
            {processors.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.id}){p.status !== 'active' ? ` — ${p.status}` : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Default processor route" htmlFor="default_route_id" errors={errors('default_route_id')}>
          <select id="default_route_id" name="default_route_id" defaultValue={value('default_route_id')}>
            <option value="">None</option>
            {routes.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Time zone" htmlFor="time_zone" errors={errors('time_zone')} hint="For time-of-day and weekday rules: an IANA name such as Europe/Berlin">
          <input id="time_zone" name="time_zone" list="time-zones" autoComplete="off" defaultValue={value('time_zone')} />
          <datalist id="time-zones">
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </Field>
      </div>
      <div>
        <SubmitButton>Save settings</SubmitButton>
      </div>
    </form>
  );
}
