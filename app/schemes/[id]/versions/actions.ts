'use server';

import { revalidatePath } from 'next/cache';
import { uiContext } from '@/lib/auth/ui-context';
import { text } from '@/lib/forms/form-data';
import { formStateOf, type FormState } from '@/lib/forms/form-state';
import { activateVersion, deactivateScheme, publishScheme } from '@/lib/services/publishing';
import { createTestCase, deleteTestCase } from '@/lib/services/test-cases';
import { fail, type Result } from '@/lib/services/result';

const refresh = (schemeId: string) => {
  revalidatePath(`/schemes/${schemeId}/versions`);
  revalidatePath(`/schemes/${schemeId}`);
  revalidatePath('/schemes');
};

export async function publishAction(schemeId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const revision = Number(text(form, 'expected_revision'));
  const input = {
    note: text(form, 'note'),
    activate: form.get('activate') === 'on',
    override_reason: text(form, 'override_reason') || undefined,
    ...(Number.isInteger(revision) && revision > 0 ? { expected_revision: revision } : {}),
  };
  const result = await publishScheme(await uiContext(), schemeId, input);
  refresh(schemeId);
  const values = { note: input.note, override_reason: input.override_reason, activate: input.activate ? 'on' : '' };
  if (!result.ok) return formStateOf(result, values, '');
  const { version, activated, tests } = result.value;
  const testsNote = tests.run ? ` ${tests.passed} of ${tests.run} test cases passed${version.override_reason ? ' (overridden)' : ''}.` : '';
  return formStateOf(result, {}, `Published version ${version.version}${activated ? ' and activated it' : ''}.${testsNote}`);
}

export async function activateAction(schemeId: string, version: number, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await activateVersion(await uiContext(), schemeId, version);
  refresh(schemeId);
  return formStateOf(result, {}, `Version ${version} is active: decide uses it now.`);
}

export async function deactivateAction(schemeId: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const result = await deactivateScheme(await uiContext());
  refresh(schemeId);
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
  refresh(schemeId);
  return formStateOf(result, values, `Saved test case “${values.name.trim()}”.`);
}

export async function deleteTestCaseAction(schemeId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const result = await deleteTestCase(await uiContext(), schemeId, text(form, 'case_id') ?? '');
  refresh(schemeId);
  return formStateOf(result, {}, 'Test case deleted.');
}
