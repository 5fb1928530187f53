'use server';

import { revalidatePath } from 'next/cache';
import { uiContext } from '@/lib/auth/ui-context';
import { submittedValues } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { updateSettings } from '@/lib/services/settings';
import { patchSettings } from '@/lib/services/partial-updates';
import { setFourEyes } from '@/lib/services/going-live';

export async function updateSettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submittedValues(form);
  const result = await updateSettings(await uiContext(), values);
  revalidatePath('/', 'layout');
  return formStateOf(result, values, 'Settings saved.');
}

export async function setFourEyesAction(_previous: FormState, form: FormData): Promise<FormState> {
  const on = form.get('four_eyes') === 'on';
  const result = await setFourEyes(await uiContext(), on);
  revalidatePath('/', 'layout');
  return formStateOf(result, {}, on ? 'Four-eyes approval is on.' : 'Four-eyes approval is off.');
}

/** The decision log's redacted fields (one per line or comma-separated) and retention. */
export async function updateDecisionLogAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submittedValues(form);
  const fields = String(values.redacted_fields ?? '').split(/[\s,]+/).filter(Boolean);
  const result = await patchSettings(await uiContext(), { redacted_fields: fields, retention_days: values.retention_days });
  revalidatePath('/settings');
  return formStateOf(result, values, 'Decision log settings saved.');
}
