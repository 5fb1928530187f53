'use client';

import { useMemo, type KeyboardEvent } from 'react';
import { useCombobox } from './use-combobox';

export interface CodeOption {
  code: string;
  name: string;
}

/**
 * Picks codes (countries, currencies, enum values) or free values (BINs, text) as chips. Type to
 * search codes and names; arrows and Enter or a click pick; Backspace in the empty search removes the
 * last chip. With `options` only known codes can be picked; without, Enter adds what was typed. With
 * `multiple` false a pick replaces the value. Each pick is committed at once (one undo step).
 */
export function CodePicker({
  label,
  options,
  value,
  multiple,
  onChange,
  placeholder,
  parse = (text) => text.trim(),
  problemOf,
}: {
  label: string;
  options?: readonly CodeOption[];
  value: readonly string[];
  multiple: boolean;
  onChange: (codes: string[]) => void;
  placeholder?: string;
  /** Free entry: typed text as a value (e.g. trimmed), or null to refuse it. */
  parse?: (text: string) => string | null;
  /** Why a chip's value is wrong (a BIN of 5 digits), shown on the chip. */
  problemOf?: (code: string) => string | null;
}) {
  const combobox = useCombobox();
  const { query, search, open, setOpen, active, listId } = combobox;
  const names = useMemo(() => new Map((options ?? []).map((o) => [o.code, o.name])), [options]);

  const matches = useMemo(() => {
    if (!options) return [];
    const q = query.trim().toLowerCase();
    const free = options.filter((o) => !value.includes(o.code));
    if (!q) return free;
    const exact = free.filter((o) => o.code.toLowerCase() === q);
    const starts = free.filter((o) => o.code.toLowerCase() !== q && (o.code.toLowerCase().startsWith(q) || o.name.toLowerCase().startsWith(q)));
    const inside = free.filter((o) => !exact.includes(o) && !starts.includes(o) && o.name.toLowerCase().includes(q));
    return [...exact, ...starts, ...inside];
  }, [options, query, value]);

  function pick(code: string) {
    onChange(multiple ? [...value.filter((c) => c !== code), code] : [code]);
    search('');
    if (!multiple) setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (combobox.moveActive(event, matches.length)) {
      setOpen(true);
    } else if (event.key === 'Enter' || (event.key === ',' && !options)) {
      event.preventDefault();
      if (options) {
        const chosen = matches[active] ?? matches[0];
        if (chosen && query.trim() !== '') pick(chosen.code);
      } else {
        const parsed = parse(query);
        if (parsed) pick(parsed);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
      search('');
    } else if (event.key === 'Backspace' && query === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const showList = open && options !== undefined && matches.length > 0;
  return (
    <div className="insp-codes">
      <div className="insp-codes-box" onClick={(e) => (e.currentTarget.querySelector('input') as HTMLInputElement | null)?.focus()}>
        {value.map((code) => {
          const problem = problemOf?.(code) ?? (options && !names.has(code) ? 'not a known value' : null);
          return (
            <span key={code} className={problem ? 'insp-chip insp-chip-bad' : 'insp-chip'} title={problem ?? names.get(code) ?? code}>
              <b>{code}</b>
              {names.get(code) && names.get(code) !== code ? <span className="insp-chip-name">{names.get(code)}</span> : null}
              <button type="button" aria-label={`Remove ${code}`} onClick={() => onChange(value.filter((c) => c !== code))}>
                ×
              </button>
            </span>
          );
        })}
        <input
          aria-label={label}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          value={query}
          placeholder={value.length === 0 || multiple ? placeholder : 'Replace…'}
          onChange={(e) => {
            search(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            if (!options && query.trim() !== '') {
              const parsed = parse(query);
              if (parsed) pick(parsed);
            }
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {showList && (
        <ul className="insp-options" id={listId} role="listbox" aria-label={`${label} options`}>
          {matches.slice(0, 300).map((o, i) => (
            <li key={o.code} {...combobox.optionProps(i, () => pick(o.code))} className={i === active ? 'active' : undefined}>
              <b>{o.code}</b> <span>{o.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
