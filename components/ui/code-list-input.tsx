'use client';
import { useId, useState, type KeyboardEvent } from 'react';

export interface CodeOption {
  code: string;
  name: string;
}

/**
 * Picks a list of codes (currencies, countries, methods) from a known domain: type a code or a name,
 * Enter or pick from the suggestions to add it, × to remove. Submits as repeated hidden inputs.
 */
export function CodeListInput({ name, options, defaultValue = [], placeholder, id, upperCase = false }: {
  name: string;
  options: readonly CodeOption[];
  defaultValue?: readonly string[];
  placeholder?: string;
  id?: string;
  upperCase?: boolean;
}) {
  const [codes, setCodes] = useState<string[]>([...defaultValue]);
  const [draft, setDraft] = useState('');
  const listId = useId();
  const nameOf = new Map(options.map((o) => [o.code, o.name]));

  function resolve(input: string): string {
    const trimmed = input.trim();
    const byName = options.find((o) => o.name.toLowerCase() === trimmed.toLowerCase() || `${o.code} — ${o.name}` === trimmed);
    if (byName) return byName.code;
    return upperCase ? trimmed.toUpperCase() : trimmed.toLowerCase();
  }

  function add(input: string) {
    const code = resolve(input);
    if (code && !codes.includes(code)) setCodes([...codes, code]);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      if (draft.trim()) add(draft);
    } else if (event.key === 'Backspace' && !draft && codes.length) {
      setCodes(codes.slice(0, -1));
    }
  }

  return (
    <div className="code-list" data-testid={`codes-${name}`}>
      {codes.map((code) => (
        <span key={code} className={nameOf.has(code) ? 'chip' : 'chip chip-unknown'} title={nameOf.get(code) ?? 'unknown code'}>
          {code}
          <button type="button" aria-label={`Remove ${code}`} onClick={() => setCodes(codes.filter((c) => c !== code))}>
            ×
          </button>
          <input type="hidden" name={name} value={code} />
        </span>
      ))}
      <input
        id={id}
        list={listId}
        value={draft}
        placeholder={codes.length ? '' : placeholder}
        onChange={(e) => {
          const value = e.target.value;
          // A pick from the suggestion list arrives as the full option text: add it at once.
          if (options.some((o) => `${o.code} — ${o.name}` === value)) add(value);
          else setDraft(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && add(draft)}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.code} value={`${o.code} — ${o.name}`} />
        ))}
      </datalist>
    </div>
  );
}
