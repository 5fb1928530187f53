'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { requestAddress } from '@/lib/auth/session';
import { text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { createFirstAdmin } from '@/lib/services/users';

/** First run only: refused as soon as any user exists. */
export async function createFirstAdminAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, 'email') ?? '', name: text(form, 'name') ?? '' };
  const password = String(form.get('password') ?? '');
  if (password !== String(form.get('password_again') ?? '')) {
    return { status: 'error', message: 'The two passwords differ.', fieldErrors: { password_again: ['Does not match the password'] }, values };
  }
  const ctx = { db: await getDb(), actor: { kind: 'system', name: 'first-run setup' } as const, via: 'ui' as const, address: await requestAddress() };
  const result = await createFirstAdmin(ctx, { ...values, password });
  if (!result.ok) return formStateOf(result, values, '');
  redirect(`/sign-in?created=1&email=${encodeURIComponent(result.value.email)}`);
}
