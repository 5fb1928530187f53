import type { Result } from '@/lib/result';

/**
 * What a server action hands back to its form: a message, field errors keyed by dotted path
 * ("currencies.0"), and the submitted values so nothing typed is lost on a refusal.
 */
export interface FormState {
  status: 'idle' | 'ok' | 'error';
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, unknown>;
}

export const idleForm: FormState = { status: 'idle' };

export function formStateOf<T>(result: Result<T>, values: Record<string, unknown>, successMessage: string): FormState {
  if (result.ok) return { status: 'ok', message: successMessage };
  const { error } = result;
  const fieldErrors: Record<string, string[]> = {};
  const issues = 'issues' in error ? (error.issues ?? []) : [];
  for (const issue of issues) {
    const key = issue.path.join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { status: 'error', message: error.message, fieldErrors, values };
}

/** Field errors for a list field and its items ("countries", "countries.3"), labelled with the bad item. */
export function listFieldErrors(state: FormState, field: string, items: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, messages] of Object.entries(state.fieldErrors ?? {})) {
    if (key === field) out.push(...messages);
    else if (key.startsWith(`${field}.`)) {
      const index = Number(key.slice(field.length + 1));
      out.push(...messages.map((m) => `${items[index] ?? `item ${index + 1}`}: ${m}`));
    }
  }
  return out;
}

/**
 * A key for the <form> element that changes with each refused submission. React resets a form after
 * its action, and selects fall back to the option chosen at mount; remounting makes the fields show
 * the values that came back with the refusal.
 */
export function formKey(state: FormState): string {
  return state.values ? JSON.stringify(state.values) : 'initial';
}
