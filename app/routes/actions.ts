'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { uiContext } from '@/lib/auth/ui-context';
import { list, text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { createRoute, deleteRoute, updateRoute } from '@/lib/services/routes';

const routeFromForm = (form: FormData) => ({ name: text(form, 'name'), processors: list(form, 'processors') });

export async function createRouteAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = routeFromForm(form);
  const result = await createRoute(await uiContext(), input);
  if (!result.ok) return formStateOf(result, input, '');
  revalidatePath('/routes');
  redirect(`/routes?saved=${encodeURIComponent(result.value.id)}`);
}

export async function updateRouteAction(id: string, _previous: FormState, form: FormData): Promise<FormState> {
  const input = routeFromForm(form);
  const result = await updateRoute(await uiContext(), id, input);
  if (!result.ok) return formStateOf(result, input, '');
  revalidatePath('/routes');
  redirect(`/routes?saved=${encodeURIComponent(result.value.id)}`);
}

export async function deleteRouteAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteRoute(await uiContext(), id);
  if (!result.ok) return formStateOf(result, {}, '');
  revalidatePath('/routes');
  redirect(`/routes?deleted=${encodeURIComponent(id)}`);
}
