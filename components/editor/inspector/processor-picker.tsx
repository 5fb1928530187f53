'use client';

import { useMemo } from 'react';
import type { AccountContext } from '@/lib/account/context';
import type { ProcessorRoute } from '@/lib/engine/types';
import { PickerDropdown, usePickerDropdown } from './picker-dropdown';

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
  const picker = usePickerDropdown();
  const { query, active } = picker;

  const options = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hit = (...texts: (string | undefined)[]) => !q || texts.some((t) => t?.toLowerCase().includes(q));
    return [
      ...processors.filter((p) => hit(p.id, p.name, p.provider)).map((p) => ({ key: p.id, entry: p.id as string | { route: string }, processor: p, route: undefined })),
      ...(routes ?? []).filter((r) => hit(r.id, r.name)).map((r) => ({ key: `route:${r.id}`, entry: { route: r.id }, processor: undefined, route: r })),
    ];
  }, [processors, routes, query]);

  function pick(entry: string | { route: string }) {
    onPick(entry);
    picker.close();
  }

  return (
    <PickerDropdown
      picker={picker}
      count={options.length}
      className="insp-picker"
      trigger={{ className: 'button small', content: label }}
      searchLabel="Search processors"
      placeholder={routes ? 'Search processors and routes' : 'Search processors'}
      onEnter={() => {
        const chosen = options[active];
        if (chosen && !listed.has(chosen.key)) pick(chosen.entry);
      }}
    >
      <ul className="insp-attr-list" id={picker.listId} role="listbox" aria-label="Processors">
        {options.length === 0 && <li className="insp-muted insp-attr-tip">Nothing matches.</li>}
        {options.map((o, i) => {
          const taken = listed.has(o.key);
          return (
            <li
              key={o.key}
              {...picker.optionProps(i, () => {
                if (!taken) pick(o.entry);
              })}
              aria-disabled={taken || undefined}
              className={`${i === active ? 'active' : ''}${taken ? ' taken' : ''}`.trim() || undefined}
            >
              {o.processor ? <ProcessorSummary id={o.processor.id} processor={o.processor} /> : <RouteSummary id={o.route!.id} route={o.route} />}
              {taken && <span className="insp-muted insp-taken">listed</span>}
            </li>
          );
        })}
      </ul>
    </PickerDropdown>
  );
}
