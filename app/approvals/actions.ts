'use server';

import { revalidatePath } from 'next/cache';
import { uiContext } from '@/lib/auth/ui-context';
import { text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { approveRequest, rejectRequest } from '@/lib/services/going-live';

/** Approve or reject a four-eyes request (the button pressed says which), with the comment typed. */
export async function decideRequestAction(requestId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const ctx = await uiContext();
  const comment = text(form, 'comment') ?? '';
  const approving = form.get('decision') === 'approve';
  const result = approving ? await approveRequest(ctx, requestId, { comment }) : await rejectRequest(ctx, requestId, { comment });
  revalidatePath('/', 'layout');
  if (!result.ok) return formStateOf(result, { comment }, '');
  const request = result.value;
  return formStateOf(result, {}, approving
    ? `Approved: ${request.kind === 'publish' ? `published as v${request.result_version}` : `v${request.result_version} is live`}.`
    : 'Rejected; the requester sees your comment.');
}
