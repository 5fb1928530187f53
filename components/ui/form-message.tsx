import type { FormState } from '@/lib/forms/form-state';

export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <p className={state.status === 'error' ? 'notice notice-error' : 'notice notice-ok'} role={state.status === 'error' ? 'alert' : 'status'}>
      {state.message}
    </p>
  );
}
