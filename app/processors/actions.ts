'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { uiContext } from '@/lib/auth/ui-context';
import { submittedValues } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { processorFromForm } from '@/lib/processors/form';
import { createProcessor, deleteProcessor, setProcessorStatus, updateProcessor } from '@/lib/services/processors';
import { drainProcessor, endDrainNow } from '@/lib/services/drains';

export async function createProcessorAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await createProcessor(await uiContext(), processorFromForm(form));
  if (!result.ok) return formStateOf(result, submittedValues(form), '');
  revalidatePath('/processors');
  redirect(`/processors?saved=${encodeURIComponent(result.value.id)}`);
}

export async function updateProcessorAction(id: string, _previous: FormState, form: FormData): Promise<FormState> {
  const { id: _ignored, ...fields } = processorFromForm(form);
  const result = await updateProcessor(await uiContext(), id, fields);
  if (!result.ok) return formStateOf(result, submittedValues(form), '');
  revalidatePath('/processors');
  redirect(`/processors?saved=${encodeURIComponent(id)}`);
}

export async function setProcessorStatusAction(id: string, form: FormData): Promise<void> {
  const result = await setProcessorStatus(await uiContext(), id, String(form.get('status') ?? ''));
  revalidatePath('/processors');
  redirect(result.ok ? `/processors?status=${encodeURIComponent(id)}` : `/processors?failed=${encodeURIComponent(result.error.message)}`);
}

export async function deleteProcessorAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteProcessor(await uiContext(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/processors');
  redirect(`/processors?deleted=${encodeURIComponent(id)}`);
}

/** Drain for a while: `for` (a duration) or `until` (a local time in `zone`). */
export async function drainProcessorAction(id: string, form: FormData): Promise<void> {
  const value = (name: string) => (typeof form.get(name) === 'string' ? String(form.get(name)) : undefined);
  const input = value('until') !== undefined ? { until: value('until'), zone: value('zone') } : { for: value('for') ?? '' };
  const result = await drainProcessor(await uiContext(), id, input);
  revalidatePath('/processors');
  redirect(result.ok ? `/processors?drained=${encodeURIComponent(id)}${result.value.note ? `&note=${encodeURIComponent(result.value.note)}` : ''}` : `/processors?failed=${encodeURIComponent(result.error.message)}`);
}

export async function endDrainAction(id: string, _form: FormData): Promise<void> {
  const result = await endDrainNow(await uiContext(), id);
  revalidatePath('/processors');
  redirect(result.ok ? `/processors?status=${encodeURIComponent(id)}` : `/processors?failed=${encodeURIComponent(result.error.message)}`);
}
