'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { submittedValues } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { updateSettings } from '@/lib/services/settings';

export async function updateSettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submittedValues(form);
  const result = await updateSettings(await getDb(), values);
  revalidatePath('/', 'layout');
  return formStateOf(result, values, 'Settings saved.');
}
