'use server';

import { revalidatePath } from 'next/cache';
import { uiContext } from '@/lib/auth/ui-context';
import { text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { createUser, deleteUser, endUserSessions, setUserDisabled, setUserRole } from '@/lib/services/users';

const refresh = () => revalidatePath('/settings/users');

export async function createUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, 'email') ?? '', name: text(form, 'name') ?? '', role: text(form, 'role') ?? '' };
  const result = await createUser(await uiContext(), { ...values, password: String(form.get('password') ?? '') });
  refresh();
  return formStateOf(result, values, result.ok ? `Added ${result.value.email} as ${result.value.role}. Give them their password in person.` : '');
}

export async function setRoleAction(userId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const result = await setUserRole(await uiContext(), userId, text(form, 'role'));
  refresh();
  return formStateOf(result, {}, result.ok ? `${result.value.email} is now ${result.value.role}.` : '');
}

export async function setDisabledAction(userId: string, disabled: boolean, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await setUserDisabled(await uiContext(), userId, disabled);
  refresh();
  return formStateOf(result, {}, result.ok ? `${result.value.email} is ${disabled ? 'disabled and signed out everywhere' : 'enabled'}.` : '');
}

export async function endSessionsAction(userId: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await endUserSessions(await uiContext(), userId);
  refresh();
  return formStateOf(result, {}, result.ok ? `Ended ${result.value.ended} session${result.value.ended === 1 ? '' : 's'}.` : '');
}

export async function deleteUserAction(userId: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteUser(await uiContext(), userId);
  refresh();
  return formStateOf(result, {}, result.ok ? `Deleted ${result.value.email}.` : '');
}
