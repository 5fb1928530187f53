'use server';

import { revalidatePath } from 'next/cache';
import { uiContext } from '@/lib/auth/ui-context';
import { submittedValues } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { updateSettings } from '@/lib/services/settings';

export async function updateSettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submittedValues(form);
  const result = await updateSettings(await uiContext(), values);
  revalidatePath('/', 'layout');
  return formStateOf(result, values, 'Settings saved.');
}
