'use client';

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AttributeSpec, Catalog } from '@/lib/catalog';
import { metadataCandidate, pickerOptions, searchAttributes } from '@/lib/editor/inspector-attributes';

/**
 * The attribute of a rule: a button naming it, which opens a searchable list grouped by category,
 * each entry with its label, path and description. Custom attributes have their own group; typing a
 * key (or metadata.<key>) offers `metadata.<key>` for anything the backend sends in metadata.
 */
export function AttributePicker({ catalog, value, onPick, startOpen = false }: {
  catalog: Catalog;
  value: string;
  onPick: (name: string) => void;
  startOpen?: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const search = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const current = catalog.get(value);

  const groups = useMemo(() => searchAttributes(catalog, query), [catalog, query]);
  const metadata = useMemo(() => metadataCandidate(catalog, query), [catalog, query]);
  const options = useMemo(() => pickerOptions(catalog, query), [catalog, query]);

  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  // Closing from the keyboard gives the focus back to the button, so Tab goes on to the operator.
  function close() {
    setOpen(false);
    setQuery('');
    button.current?.focus();
  }

  function pick(spec: AttributeSpec) {
    onPick(spec.name);
    close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(0, Math.min(options.length - 1, i + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = options[active];
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  let index = -1;
  const option = (spec: AttributeSpec) => {
    index += 1;
    const i = index;
    return (
      <li
        key={spec.name}
        role="option"
        aria-selected={i === active}
        className={`${i === active ? 'active' : ''}${spec.name === value ? ' current' : ''}`.trim() || undefined}
        onMouseDown={(e) => {
          e.preventDefault();
          pick(spec);
        }}
        onMouseEnter={() => setActive(i)}
      >
        <span className="insp-attr-label">{spec.label}</span> <code>{spec.name}</code>
        <span className="insp-attr-desc">{spec.description}</span>
      </li>
    );
  };

  return (
    <div className="insp-attr">
      <button
        ref={button}
        type="button"
        className={`insp-attr-button${current ? '' : ' bad'}`}
        aria-expanded={open}
        aria-label={`Attribute: ${current?.label ?? value}`}
        title={current?.description ?? 'Not an attribute of the catalog'}
        onClick={() => setOpen(!open)}
      >
        <span className="insp-attr-label">{current?.label ?? 'Unknown attribute'}</span>
        <code>{value}</code>
        <span aria-hidden className="insp-caret">▾</span>
      </button>
      {open && (
        <div className="insp-attr-panel">
          <input
            ref={search}
            role="combobox"
            aria-label="Search attributes"
            aria-expanded
            aria-controls={listId}
            aria-autocomplete="list"
            placeholder="Search, or type metadata.<key>"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => {
              setOpen(false);
              setQuery('');
            }}
          />
          <div className="insp-attr-list" ref={list} id={listId} role="listbox" aria-label="Attributes">
            {groups.map((g) => (
              <div key={g.group} role="group" aria-label={g.group}>
                <div className="insp-group">{g.group}</div>
                <ul>{g.attributes.map(option)}</ul>
              </div>
            ))}
            <div role="group" aria-label="Metadata">
              <div className="insp-group">Metadata</div>
              <ul>
                {metadata ? option(metadata) : <li className="insp-muted insp-attr-tip">Type a key to route on <code>metadata.&lt;key&gt;</code>, any text field your backend sends.</li>}
              </ul>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
