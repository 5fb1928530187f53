'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { uiContext } from '@/lib/auth/ui-context';
import { createTestCase, deleteTestCase, importTestCases, listTestCases, setTestCaseEnabled, updateTestCase } from '@/lib/services/test-cases';
import type { TestCaseInput, TestCaseSave } from '@/components/editor/tests/test-case-actions';
import type { Result } from '@/lib/services/result';
import type { TestCaseRecord } from '@/lib/services/test-cases';

function saved(result: Result<TestCaseRecord>, schemeId: string): TestCaseSave {
  if (result.ok) {
    revalidatePath(`/schemes/${schemeId}/versions`);
    return { ok: true, record: result.value };
  }
  const error = result.error;
  return { ok: false, message: error.message, issues: error.code === 'validation' || error.code === 'conflict' ? (error.issues ?? []) : [] };
}

export async function listTestCasesAction(schemeId: string): Promise<TestCaseRecord[]> {
  return listTestCases(await getDb(), String(schemeId));
}

export async function saveTestCaseAction(schemeId: string, id: string | null, input: TestCaseInput): Promise<TestCaseSave> {
  const ctx = await uiContext();
  return saved(id === null ? await createTestCase(ctx, String(schemeId), input) : await updateTestCase(ctx, String(schemeId), String(id), input), schemeId);
}

export async function setTestCaseEnabledAction(schemeId: string, id: string, enabled: boolean): Promise<TestCaseSave> {
  return saved(await setTestCaseEnabled(await uiContext(), String(schemeId), String(id), enabled === true), schemeId);
}

export async function deleteTestCaseAction(schemeId: string, id: string): Promise<{ ok: boolean; message?: string }> {
  const result = await deleteTestCase(await uiContext(), String(schemeId), String(id));
  if (result.ok) revalidatePath(`/schemes/${schemeId}/versions`);
  return result.ok ? { ok: true } : { ok: false, message: result.error.message };
}

export async function importTestCasesAction(schemeId: string, text: string) {
  if (typeof text !== 'string' || text.length > 5 * 1024 * 1024) return { ok: false as const, message: 'Import at most 5 MB of JSON lines.', issues: [] };
  const result = await importTestCases(await uiContext(), String(schemeId), text);
  if (result.ok) revalidatePath(`/schemes/${schemeId}/versions`);
  if (result.ok) return { ok: true as const, imported: result.value.imported };
  return { ok: false as const, message: result.error.message, issues: result.error.code === 'validation' ? result.error.issues : [] };
}
