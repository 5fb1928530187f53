'use server';

import { revalidatePath } from 'next/cache';
import { uiContext } from '@/lib/auth/ui-context';
import type { CreateKeyState } from '@/lib/api/key-form';
import { list, submittedValues, text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { createApiKey, revokeApiKey } from '@/lib/services/api-keys';

export async function createApiKeyAction(_previous: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const result = await createApiKey(await uiContext(), { name: text(form, 'name') ?? '', scopes: list(form, 'scopes') });
  if (!result.ok) return formStateOf(result, submittedValues(form), '');
  revalidatePath('/settings/api-keys');
  const { key, secret } = result.value;
  return { status: 'ok', message: `Created "${key.name}".`, created: { id: key.id, name: key.name, prefix: key.prefix, secret } };
}

export async function revokeApiKeyAction(id: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await revokeApiKey(await uiContext(), id);
  revalidatePath('/settings/api-keys');
  return formStateOf(result, {}, result.ok ? `Revoked "${result.value.name}".` : '');
}
