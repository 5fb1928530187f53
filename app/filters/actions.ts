'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { uiContext } from '@/lib/auth/ui-context';
import { filterFromForm } from '@/lib/filters/form';
import { submittedValues } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { createFilter, deleteFilter, updateFilter } from '@/lib/services/filters';

export async function createFilterAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await createFilter(await uiContext(), filterFromForm(form));
  if (!result.ok) return formStateOf(result, submittedValues(form), '');
  revalidatePath('/filters');
  redirect(`/filters?saved=${encodeURIComponent(result.value.id)}`);
}

export async function updateFilterAction(id: string, _previous: FormState, form: FormData): Promise<FormState> {
  const result = await updateFilter(await uiContext(), id, filterFromForm(form));
  if (!result.ok) return formStateOf(result, submittedValues(form), '');
  revalidatePath('/filters');
  redirect(`/filters?saved=${encodeURIComponent(id)}`);
}

export async function deleteFilterAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteFilter(await uiContext(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/filters');
  redirect(`/filters?deleted=${encodeURIComponent(id)}`);
}
