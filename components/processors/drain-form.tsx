'use client';

import { useState } from 'react';

/**
 * "Drain for…": takes the processor out of traffic now and brings it back by itself later. The
 * warning of what setting it down changes is shown first, as a status change does.
 */
export function DrainForm({ action, name, effects, zone }: {
  action: (form: FormData) => Promise<void>;
  name: string;
  /** What setting it down changes (statusEffects(…).down). */
  effects: readonly string[];
  /** The account's zone, for an "until" time. */
  zone: string;
}) {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'for' | 'until'>('for');
  if (!open) {
    return (
      <button type="button" className="button small" onClick={() => setOpen(true)} data-testid="drain-open">
        Drain for…
      </button>
    );
  }
  return (
    <form
      action={action}
      className="drain-form"
      data-testid="drain-form"
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        const when = mode === 'for' ? `for ${String(form.get('for'))}` : `until ${String(form.get('until')).replace('T', ' ')} ${zone}`;
        const text = `Take ${name} out of traffic ${when}? It comes back by itself at the end.${effects.length ? `\n\n${effects.map((e) => `• ${e}`).join('\n')}` : ''}`;
        if (!window.confirm(text)) event.preventDefault();
      }}
    >
      <select value={mode} onChange={(e) => setMode(e.target.value as 'for' | 'until')} aria-label={`Drain ${name} for or until`}>
        <option value="for">for</option>
        <option value="until">until</option>
      </select>
      {mode === 'for' ? (
        <input name="for" defaultValue="2 hours" size={9} aria-label={`How long to drain ${name}`} placeholder="2 hours" />
      ) : (
        <>
          <input type="datetime-local" name="until" aria-label={`Drain ${name} until`} required />
          <input type="hidden" name="zone" value={zone} />
          <span className="muted">{zone}</span>
        </>
      )}
      <button type="submit" className="button small">
        Drain
      </button>
      <button type="button" className="button small" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
