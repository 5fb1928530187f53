'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { list, text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { createRoute, deleteRoute, updateRoute } from '@/lib/services/routes';

const routeFromForm = (form: FormData) => ({ name: text(form, 'name'), processors: list(form, 'processors') });

export async function createRouteAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = routeFromForm(form);
  const result = await createRoute(await getDb(), input);
  if (!result.ok) return formStateOf(result, input, '');
  revalidatePath('/routes');
  redirect(`/routes?saved=${encodeURIComponent(result.value.id)}`);
}

export async function updateRouteAction(id: string, _previous: FormState, form: FormData): Promise<FormState> {
  const input = routeFromForm(form);
  const result = await updateRoute(await getDb(), id, input);
  if (!result.ok) return formStateOf(result, input, '');
  revalidatePath('/routes');
  redirect(`/routes?saved=${encodeURIComponent(result.value.id)}`);
}

export async function deleteRouteAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteRoute(await getDb(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/routes');
  redirect(`/routes?deleted=${encodeURIComponent(id)}`);
}
