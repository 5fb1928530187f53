'use client';

import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useCombobox, type Combobox } from './use-combobox';

export interface PickerDropdownState extends Combobox {
  button: RefObject<HTMLButtonElement | null>;
  /** Closes the panel and gives the focus back to the button, so Tab goes on from there. */
  close(): void;
}

/** The state of a PickerDropdown. */
export function usePickerDropdown(startOpen = false): PickerDropdownState {
  const combobox = useCombobox(startOpen);
  const button = useRef<HTMLButtonElement>(null);
  return {
    ...combobox,
    button,
    close() {
      combobox.setOpen(false);
      combobox.search('');
      button.current?.focus();
    },
  };
}

/**
 * A picker that is a button until opened, then a panel: a search field (the combobox) above the
 * picker's listbox (`children`, with id `picker.listId`, `count` options). Arrows move the active
 * option, Enter calls `onEnter`, Escape closes; leaving the field closes the panel too.
 */
export function PickerDropdown({ picker, count, className, trigger, searchLabel, placeholder, onEnter, children }: {
  picker: PickerDropdownState;
  count: number;
  className: string;
  trigger: { className: string; label?: string; title?: string; content: ReactNode };
  searchLabel: string;
  placeholder: string;
  onEnter: () => void;
  children: ReactNode;
}) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (picker.open) search.current?.focus();
  }, [picker.open]);

  return (
    <div className={className}>
      <button
        ref={picker.button}
        type="button"
        className={trigger.className}
        aria-expanded={picker.open}
        aria-label={trigger.label}
        title={trigger.title}
        onClick={() => picker.setOpen(!picker.open)}
      >
        {trigger.content}
      </button>
      {picker.open && (
        <div className="insp-attr-panel">
          <input
            ref={search}
            role="combobox"
            aria-label={searchLabel}
            aria-expanded
            aria-controls={picker.listId}
            aria-autocomplete="list"
            placeholder={placeholder}
            value={picker.query}
            onChange={(e) => picker.search(e.target.value)}
            onKeyDown={(event) => {
              if (picker.moveActive(event, count)) return;
              if (event.key === 'Enter') {
                event.preventDefault();
                onEnter();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                picker.close();
              }
            }}
            onBlur={() => {
              picker.setOpen(false);
              picker.search('');
            }}
          />
          {children}
        </div>
      )}
    </div>
  );
}
