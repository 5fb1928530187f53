'use client';

import { PROCESSOR_STATUSES, type ProcessorStatus } from '@/lib/processors/schema';

/**
 * Sets a processor's status from the list. Taking a processor out of traffic asks first and says
 * what it changes (default processor, routes, the active scheme), so nobody does it blind.
 */
export function StatusForm({ action, name, status, effects }: {
  action: (form: FormData) => Promise<void>;
  name: string;
  status: ProcessorStatus;
  effects: Record<ProcessorStatus, string[]>;
}) {
  return (
    <form
      action={action}
      className="status-form"
      onSubmit={(event) => {
        const chosen = new FormData(event.currentTarget).get('status') as ProcessorStatus;
        if (chosen === status || chosen === 'active' || effects[chosen].length === 0) return;
        const text = `Set ${name} to ${chosen}?\n\n${effects[chosen].map((e) => `• ${e}`).join('\n')}`;
        if (!window.confirm(text)) event.preventDefault();
      }}
    >
      <select name="status" defaultValue={status} aria-label={`Status of ${name}`}>
        {PROCESSOR_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <button type="submit" className="button small">
        Set
      </button>
    </form>
  );
}
