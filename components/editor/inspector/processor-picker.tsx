'use client';

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AccountContext } from '@/lib/editor/account';
import type { ProcessorRoute } from '@/lib/engine/types';

type AccountProcessor = AccountContext['processors'][number];

const listOf = (codes: readonly string[], all: string, max = 4) =>
  codes.length === 0 ? all : codes.length <= max ? codes.join(', ') : `${codes.slice(0, max).join(', ')} +${codes.length - max}`;

/** A processor as the inspector shows it: name, id, status (down / disabled marked), currencies, methods. */
export function ProcessorSummary({ id, processor }: { id: string; processor: AccountProcessor | undefined }) {
  if (!processor) {
    return (
      <span className="insp-proc">
        <span className="insp-proc-name">
          <code>{id}</code> <span className="badge badge-down">unknown</span>
        </span>
        <span className="insp-proc-meta">Not a processor of this account.</span>
      </span>
    );
  }
  return (
    <span className={`insp-proc${processor.status === 'active' ? '' : ' inactive'}`}>
      <span className="insp-proc-name">
        <b>{processor.name ?? processor.id}</b> <code>{processor.id}</code>{' '}
        {processor.status !== 'active' && <span className={`badge badge-${processor.status}`}>{processor.status}</span>}
      </span>
      <span className="insp-proc-meta">
        {listOf(processor.currencies, 'all currencies')} · {listOf(processor.payment_methods, 'all methods', 3)}
      </span>
    </span>
  );
}

/** A processor route as a list entry: its name, id and the processors it expands to. */
export function RouteSummary({ id, route }: { id: string; route: ProcessorRoute | undefined }) {
  return (
    <span className="insp-proc">
      <span className="insp-proc-name">
        <span className="badge badge-accent">route</span> <b>{route?.name ?? 'Unknown route'}</b> <code>{id}</code>
      </span>
      <span className={route ? 'insp-proc-meta' : 'insp-proc-meta insp-error'}>
        {route ? route.processors.join(' → ') : 'Not a processor route of this account.'}
      </span>
    </span>
  );
}

/**
 * Adds a processor (or, where allowed, a processor route): a button that opens the account's registry,
 * searchable, each entry with status, currencies and methods; those already listed are marked.
 */
export function ProcessorPicker({ processors, routes, listed, label, onPick }: {
  processors: readonly AccountProcessor[];
  /** Routes are offered only where the strategy takes them (priority). */
  routes?: readonly ProcessorRoute[];
  listed: ReadonlySet<string>;
  label: string;
  onPick: (entry: string | { route: string }) => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);

  const options = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hit = (...texts: (string | undefined)[]) => !q || texts.some((t) => t?.toLowerCase().includes(q));
    return [
      ...processors.filter((p) => hit(p.id, p.name, p.provider)).map((p) => ({ key: p.id, entry: p.id as string | { route: string }, processor: p, route: undefined })),
      ...(routes ?? []).filter((r) => hit(r.id, r.name)).map((r) => ({ key: `route:${r.id}`, entry: { route: r.id }, processor: undefined, route: r })),
    ];
  }, [processors, routes, query]);

  function close() {
    setOpen(false);
    setQuery('');
    button.current?.focus();
  }
  function pick(entry: string | { route: string }) {
    onPick(entry);
    close();
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, Math.min(options.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = options[active];
      if (chosen && !listed.has(chosen.key)) pick(chosen.entry);
    } else if (event.key === 'Escape') {
      close();
    }
  }

  return (
    <div className="insp-picker">
      <button ref={button} type="button" className="button small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <div className="insp-attr-panel">
          <input
            ref={search}
            role="combobox"
            aria-label="Search processors"
            aria-expanded
            aria-controls={listId}
            placeholder={routes ? 'Search processors and routes' : 'Search processors'}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          <ul className="insp-attr-list" id={listId} role="listbox" aria-label="Processors">
            {options.length === 0 && <li className="insp-muted insp-attr-tip">Nothing matches.</li>}
            {options.map((o, i) => {
              const taken = listed.has(o.key);
              return (
                <li
                  key={o.key}
                  role="option"
                  aria-selected={i === active}
                  aria-disabled={taken || undefined}
                  className={`${i === active ? 'active' : ''}${taken ? ' taken' : ''}`.trim() || undefined}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    if (!taken) pick(o.entry);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  {o.processor ? <ProcessorSummary id={o.processor.id} processor={o.processor} /> : <RouteSummary id={o.route!.id} route={o.route} />}
                  {taken && <span className="insp-muted insp-taken">listed</span>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
