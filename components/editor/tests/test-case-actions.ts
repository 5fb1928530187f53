import type { ExpectedDecision } from '@/lib/scheme/test-case';
import type { TestCaseRecord } from '@/lib/services/test-cases';

export type TestCaseSave = { ok: true; record: TestCaseRecord } | { ok: false; message: string; issues: { path: (string | number)[]; message: string }[] };

export interface TestCaseInput {
  name: string;
  transaction: Record<string, unknown>;
  expected: ExpectedDecision;
  enabled?: boolean;
}

/** The server actions of the Tests view, bound to the scheme by the page. */
export interface TestCaseActions {
  list: () => Promise<TestCaseRecord[]>;
  /** Creates (id null) or replaces a case. */
  save: (id: string | null, input: TestCaseInput) => Promise<TestCaseSave>;
  setEnabled: (id: string, enabled: boolean) => Promise<TestCaseSave>;
  remove: (id: string) => Promise<{ ok: boolean; message?: string }>;
  importLines: (text: string) => Promise<{ ok: true; imported: number } | { ok: false; message: string; issues: { path: (string | number)[]; message: string }[] }>;
}
