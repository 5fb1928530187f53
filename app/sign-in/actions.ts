'use server';

import { redirect } from 'next/navigation';
import { endCurrentSession } from '@/lib/auth/session';

/** Sign out: a form post, so it works before the page's scripts have loaded. */
export async function signOutAction(): Promise<never> {
  await endCurrentSession();
  redirect('/sign-in');
}
