'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { createScheme, deleteScheme, duplicateScheme, renameScheme } from '@/lib/services/schemes';
import { dryRunDraft, type DryRun } from '@/lib/services/engine';

export async function createSchemeAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { name: text(form, 'name') };
  const result = await createScheme(await getDb(), input);
  if (!result.ok) return formStateOf(result, input, '');
  revalidatePath('/schemes');
  redirect(`/schemes/${result.value.id}`);
}

export async function renameSchemeAction(id: string, _previous: FormState, form: FormData): Promise<FormState> {
  const input = { name: text(form, 'name') };
  const result = await renameScheme(await getDb(), id, input);
  revalidatePath('/schemes');
  revalidatePath(`/schemes/${id}`);
  return formStateOf(result, input, `Renamed to “${input.name?.trim()}”.`);
}

export async function duplicateSchemeAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await duplicateScheme(await getDb(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/schemes');
  redirect(`/schemes/${result.value.id}`);
}

export async function deleteSchemeAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteScheme(await getDb(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/schemes');
  redirect('/schemes?deleted=1');
}

export type DryRunState =
  | { status: 'idle' }
  | { status: 'error'; message: string; text: string }
  | { status: 'done'; result: DryRun; text: string };

export async function dryRunAction(schemeId: string, _previous: DryRunState, form: FormData): Promise<DryRunState> {
  const text = String(form.get('transaction') ?? '');
  const result = await dryRunDraft(await getDb(), schemeId, text);
  if (!result.ok) return { status: 'error', message: result.error.message, text };
  return { status: 'done', result: result.value, text };
}
