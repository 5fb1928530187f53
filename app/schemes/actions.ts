'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { uiContext } from '@/lib/auth/ui-context';
import { text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import type { CopyOutcome, SaveOutcome } from '@/lib/editor/save';
import { createScheme, deleteScheme, duplicateScheme, saveAsCopy, saveDraft } from '@/lib/services/schemes';
import type { ServiceError } from '@/lib/services/result';

export async function createSchemeAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { name: text(form, 'name') };
  const result = await createScheme(await uiContext(), input);
  if (!result.ok) return formStateOf(result, input, '');
  revalidatePath('/schemes');
  redirect(`/schemes/${result.value.id}`);
}

export async function duplicateSchemeAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await duplicateScheme(await uiContext(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/schemes');
  redirect(`/schemes/${result.value.id}`);
}

export async function deleteSchemeAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteScheme(await uiContext(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/schemes');
  redirect('/schemes?deleted=1');
}

/** Saves the editor's document over the draft it started from (`baseRevision`); a stale save is refused. */
export async function saveDraftAction(schemeId: string, document: unknown, baseRevision: number): Promise<SaveOutcome> {
  if (typeof schemeId !== 'string' || !Number.isInteger(baseRevision)) return { status: 'error', message: 'Malformed save request.' };
  const result = await saveDraft(await uiContext(), schemeId, document, baseRevision);
  if (result.ok) {
    revalidatePath('/schemes');
    return { status: 'saved', revision: result.value.revision };
  }
  const { error } = result;
  if (error.code === 'conflict' && error.revision !== undefined) return { status: 'conflict', message: error.message, revision: error.revision };
  return refused(error);
}

/** Keeps the editor's document as a new scheme (the way out of a save conflict). */
export async function saveAsCopyAction(schemeId: string, document: unknown): Promise<CopyOutcome> {
  if (typeof schemeId !== 'string') return { status: 'error', message: 'Malformed request.' };
  const result = await saveAsCopy(await uiContext(), schemeId, document);
  if (!result.ok) return refused(result.error);
  revalidatePath('/schemes');
  return { status: 'copied', id: result.value.id, name: result.value.name };
}

function refused(error: ServiceError): { status: 'invalid'; message: string; issues: { path: (string | number)[]; message: string }[] } | { status: 'error'; message: string } {
  if (error.code === 'validation' || error.code === 'conflict') {
    const message = error.code === 'validation' ? 'The scheme format refuses this document, so it was not saved.' : error.message;
    return { status: 'invalid', message, issues: error.issues ?? [] };
  }
  return { status: 'error', message: error.message };
}
