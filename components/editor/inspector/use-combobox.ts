'use client';

import { useEffect, useId, useState, type KeyboardEvent, type MouseEvent } from 'react';

/** The props every option of a picker's listbox carries. */
export interface OptionProps {
  role: 'option';
  'aria-selected': boolean;
  onMouseDown(event: MouseEvent): void;
  onMouseEnter(): void;
}

export interface Combobox {
  open: boolean;
  setOpen(open: boolean): void;
  query: string;
  /** New search text; the first option becomes the active one. */
  search(text: string): void;
  /** Index of the option Enter would pick. */
  active: number;
  /** The listbox's id (the search field's aria-controls); its active option is kept scrolled into view. */
  listId: string;
  /** ArrowDown / ArrowUp move the active option within `count` options; answers whether the key was one of them. */
  moveActive(event: KeyboardEvent, count: number): boolean;
  /** Option `index` picks with `pick` on mouse down and becomes active under the pointer. */
  optionProps(index: number, pick: () => void): OptionProps;
}

/**
 * What the inspector's pickers (attribute, processor, codes) share: a search field in the role of a
 * combobox over a listbox of options, one of them active, moved with the arrow keys.
 */
export function useCombobox(startOpen = false): Combobox {
  const [open, setOpen] = useState(startOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  useEffect(() => {
    document.getElementById(listId)?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  return {
    open,
    setOpen,
    query,
    search(text) {
      setQuery(text);
      setActive(0);
    },
    active,
    listId,
    moveActive(event, count) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(0, Math.min(count - 1, i + step)));
      return true;
    },
    optionProps: (index, pick) => ({
      role: 'option',
      'aria-selected': index === active,
      // mousedown, not click: the search field must not lose focus (and close the list) first.
      onMouseDown(event) {
        event.preventDefault();
        pick();
      },
      onMouseEnter: () => setActive(index),
    }),
  };
}
