'use server';

import { revalidatePath } from 'next/cache';
import { uiContext } from '@/lib/auth/ui-context';
import { number, text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { goLiveWithVersion, previewActivation, publishOrRequest, stopLiveScheme, type GoLiveOutcome, type GoLiveResult, type PreviewResult } from '@/lib/services/going-live';
import { changeRolloutShare, promoteRollout, startRollout, stopRollout } from '@/lib/services/rollouts';
import { createTestCase, deleteTestCase } from '@/lib/services/test-cases';
import { scheduleActivation, type ScheduleResult } from '@/lib/services/scheduled-activation';
import { cancelScheduledChange } from '@/lib/services/scheduled-changes';
import { fail, type Result } from '@/lib/services/result';

/** After a change only: a refused call changed nothing, and its scheme id may be anything the browser sent. */
const refresh = (schemeId: string) => {
  revalidatePath(`/schemes/${schemeId}/versions`);
  revalidatePath(`/schemes/${schemeId}`);
  revalidatePath('/schemes');
  revalidatePath('/');
};

export async function publishAction(schemeId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const ctx = await uiContext();
  const revision = Number(text(form, 'expected_revision'));
  const input = {
    note: text(form, 'note'),
    activate: form.get('activate') === 'on',
    override_reason: text(form, 'override_reason') || undefined,
    ...(Number.isInteger(revision) && revision > 0 ? { expected_revision: revision } : {}),
  };
  const result = await publishOrRequest(ctx, schemeId, input);
  const values = { note: input.note, override_reason: input.override_reason, activate: input.activate ? 'on' : '' };
  if (!result.ok) return formStateOf(result, values, '');
  refresh(schemeId);
  if (result.value.status === 'requested') {
    return formStateOf(result, {}, `Requested: ${result.value.request.summary}. It happens when another publisher or admin approves it.`);
  }
  const { version, activated, tests } = result.value.value;
  const testsNote = tests.run ? ` ${tests.passed} of ${tests.run} test cases passed${version.override_reason ? ' (overridden)' : ''}.` : '';
  return formStateOf(result, {}, `Published version ${version.version}${activated ? ' and activated it' : ''}.${testsNote}`);
}

/** What activating a version would change, for the confirmation dialog. */
export async function previewActivationAction(schemeId: string, version: number): Promise<PreviewResult> {
  const preview = await previewActivation((await uiContext()).db, schemeId, version);
  return preview.ok ? { ok: true, preview: preview.value } : { ok: false, message: preview.error.message };
}

export async function activateAction(schemeId: string, version: number): Promise<GoLiveResult> {
  const result = await goLiveWithVersion(await uiContext(), schemeId, version);
  if (!result.ok) return { status: 'error', message: result.error.message };
  refresh(schemeId);
  if (result.value.status === 'requested') return { status: 'requested', message: `Requested: ${result.value.request.summary}. It goes live when another publisher or admin approves it.` };
  return { status: 'live', message: `Version ${version} is live: decide uses it now.`, href: `/schemes/${schemeId}/versions#version-${version}` };
}

export async function deactivateAction(schemeId: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await stopLiveScheme(await uiContext());
  if (result.ok) refresh(schemeId);
  return formStateOf(result, {}, 'No scheme is active: the routing mode decides.');
}

export async function addTestCaseAction(schemeId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const values = {
    name: text(form, 'name') ?? '',
    transaction: text(form, 'transaction') ?? '',
    outcome: text(form, 'outcome') ?? '',
    processor: text(form, 'processor') ?? '',
  };
  let transaction: unknown;
  try {
    transaction = JSON.parse(values.transaction);
  } catch (error) {
    const refused: Result<never> = fail({ code: 'validation', message: 'The transaction is not valid JSON.', issues: [{ path: ['transaction'], message: (error as Error).message }] });
    return formStateOf(refused, values, '');
  }
  const expected = {
    ...(values.outcome ? { outcome: values.outcome } : {}),
    ...(values.processor.trim() ? { processor: values.processor.trim() } : {}),
  };
  const result = await createTestCase(await uiContext(), schemeId, { name: values.name, transaction, expected });
  if (result.ok) refresh(schemeId);
  return formStateOf(result, values, `Saved test case “${values.name.trim()}”.`);
}

export async function deleteTestCaseAction(schemeId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const result = await deleteTestCase(await uiContext(), schemeId, text(form, 'case_id') ?? '');
  if (result.ok) refresh(schemeId);
  return formStateOf(result, {}, 'Test case deleted.');
}

/** Schedule an activation at a local time in a zone (or request it, with four-eyes on). */
export async function scheduleActivationAction(schemeId: string, version: number, at: string, zone: string): Promise<ScheduleResult> {
  const result = await scheduleActivation(await uiContext(), schemeId, { version, at, zone });
  if (!result.ok) return { status: 'error', message: result.error.message };
  refresh(schemeId);
  const note = result.value.note ? ` ${result.value.note}` : '';
  if (result.value.status === 'requested') return { status: 'requested', message: `Requested: ${result.value.request.summary}. It is scheduled when another publisher or admin approves it.${note}` };
  const { change } = result.value;
  return { status: 'scheduled', message: `Scheduled: v${version} goes live at ${at.replace('T', ' ')} ${change.zone} (${change.run_at.slice(0, 16).replace('T', ' ')} UTC).${note}` };
}

export async function cancelScheduledAction(schemeId: string, changeId: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await cancelScheduledChange(await uiContext(), changeId);
  if (result.ok) refresh(schemeId);
  return formStateOf(result, {}, 'Cancelled: nothing will change at that time.');
}

/** A go-live outcome as the rollout forms show it: done, or sent for approval. */
function rolloutState<T>(result: Result<GoLiveOutcome<T>>, values: Record<string, unknown>, done: string, schemeId: string): FormState {
  if (!result.ok) return formStateOf(result, values, '');
  refresh(schemeId);
  return formStateOf(result, {}, result.value.status === 'requested' ? `Requested: ${result.value.request.summary}. It happens when another publisher or admin approves it.` : done);
}

export async function startRolloutAction(schemeId: string, version: number, _previous: FormState, form: FormData): Promise<FormState> {
  const kind = text(form, 'kind') ?? '';
  const input = {
    kind,
    ...(kind === 'canary' ? {
      share_percent: number(form, 'share_percent'),
      max_drop_points: number(form, 'max_drop_points'),
      min_attempts: number(form, 'min_attempts'),
      window_seconds: number(form, 'window_seconds'),
      auto_promote: form.get('auto_promote') === 'on',
    } : {}),
  };
  const values = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === undefined ? '' : String(v)]));
  const done = kind === 'shadow' ? `v${version} runs in shadow: every decide also decides with it.` : `v${version} takes ${input.share_percent}% of traffic as a canary.`;
  return rolloutState(await startRollout(await uiContext(), schemeId, version, input), values, done, schemeId);
}

export async function changeRolloutShareAction(schemeId: string, rolloutId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const share = number(form, 'share_percent');
  return rolloutState(await changeRolloutShare(await uiContext(), rolloutId, { share_percent: share }), { share_percent: String(share ?? '') }, `The canary takes ${share}% of traffic.`, schemeId);
}

export async function stopRolloutAction(schemeId: string, rolloutId: string, _previous: FormState, _form: FormData): Promise<FormState> {
  return rolloutState(await stopRollout(await uiContext(), rolloutId), {}, 'Stopped: the live version answers all traffic.', schemeId);
}

export async function promoteRolloutAction(schemeId: string, rolloutId: string, _previous: FormState, _form: FormData): Promise<FormState> {
  return rolloutState(await promoteRollout(await uiContext(), rolloutId), {}, 'Promoted: the version is live for all traffic.', schemeId);
}
