'use client';
import { useId, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { looksLikeList, resolveCode, searchCodes, splitPasted, type CodeOption } from '@/lib/forms/code-search';

export type { CodeOption };

/**
 * Picks a list of codes (currencies, countries, methods) from a known domain: type a code, a name or
 * another common name and pick a suggestion (Enter takes the highlighted one), or paste a list
 * ("EUR, USD GBP"); × or Backspace removes. Codes not in the domain stay, marked, for the server to
 * name. Submits as repeated hidden inputs.
 */
export function CodeListInput({ name, options, defaultValue = [], placeholder, id, upperCase = false, onChange, label }: {
  /** Without a name nothing is submitted; the parent reads the codes through onChange. */
  name?: string;
  options: readonly CodeOption[];
  defaultValue?: readonly string[];
  placeholder?: string;
  id?: string;
  upperCase?: boolean;
  onChange?: (codes: string[]) => void;
  /** Accessible name of the text input when no <label> points at it. */
  label?: string;
}) {
  const [codes, setCodesState] = useState<string[]>([...defaultValue]);
  const setCodes = (next: string[]) => {
    setCodesState(next);
    onChange?.(next);
  };
  const [draft, setDraft] = useState('');
  const [highlight, setHighlight] = useState(0);
  const listId = useId();
  const nameOf = new Map(options.map((o) => [o.code, o.name]));
  const suggestions = searchCodes(draft, options).filter((o) => !codes.includes(o.code));

  function addAll(next: readonly string[]) {
    const fresh = next.filter((code, i) => code && !codes.includes(code) && next.indexOf(code) === i);
    setCodes([...codes, ...fresh]);
    setDraft('');
    setHighlight(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (suggestions.length) setHighlight((h) => (h + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === ',') {
      if (!draft.trim()) return;
      event.preventDefault();
      const picked = suggestions[highlight];
      addAll([picked && event.key !== ',' ? picked.code : resolveCode(draft, options, upperCase)]);
    } else if (event.key === 'Escape') {
      setDraft('');
    } else if (event.key === 'Backspace' && !draft && codes.length) {
      setCodes(codes.slice(0, -1));
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData('text');
    if (!looksLikeList(text, options)) return;
    event.preventDefault();
    addAll(splitPasted(draft + text, options, upperCase));
  }

  const open = suggestions.length > 0;
  return (
    <div className="code-list-wrap">
      <div className="code-list" data-testid={name ? `codes-${name}` : undefined}>
        {codes.map((code) => (
          <span key={code} className={nameOf.has(code) ? 'chip' : 'chip chip-unknown'} title={nameOf.get(code) ?? 'not a known code'} data-code={code}>
            {code}
            <button type="button" aria-label={`Remove ${code}`} onClick={() => setCodes(codes.filter((c) => c !== code))}>
              ×
            </button>
            {name && <input type="hidden" name={name} value={code} />}
          </span>
        ))}
        <input
          id={id}
          aria-label={label}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${highlight}` : undefined}
          autoComplete="off"
          value={draft}
          placeholder={codes.length ? '' : placeholder}
          onChange={(e) => {
            setDraft(e.target.value);
            setHighlight(0);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => draft.trim() && addAll([resolveCode(draft, options, upperCase)])}
        />
      </div>
      {open && (
        <ul className="suggestions" role="listbox" id={listId}>
          {suggestions.map((o, i) => (
            <li
              key={o.code}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === highlight}
              // mousedown, not click: it comes before the input's blur, which would add the typed text.
              onMouseDown={(e) => {
                e.preventDefault();
                addAll([o.code]);
              }}
            >
              <strong>{o.code}</strong> {o.name}
              {o.aliases?.length ? <span className="muted"> · {o.aliases.join(', ')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
