'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { matchesQuery, SEARCH_FROM_ROWS } from '@/lib/text/search';

/**
 * A search box over the table inside it, once the table has more than a screenful of rows: rows that
 * do not hold every word typed are hidden. The table stays server-rendered; this only shows and hides.
 */
export function TableSearch({ rows, label, children }: { rows: number; label: string; children: ReactNode }) {
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(rows);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    const trs = box.current?.querySelectorAll<HTMLTableRowElement>('tbody > tr') ?? [];
    let count = 0;
    for (const tr of trs) {
      const match = matchesQuery(tr.textContent ?? '', query);
      tr.hidden = !match;
      if (match) count++;
    }
    setShown(count);
  }, [query, rows]);
  if (rows <= SEARCH_FROM_ROWS) return <>{children}</>;
  return (
    <div ref={box} className="table-search">
      <div className="table-search-bar">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input id={id} type="search" placeholder={`${label}…`} value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="muted" role="status">
          {query ? `${shown} of ${rows}` : `${rows}`}
        </span>
      </div>
      {children}
      {shown === 0 && <p className="muted">Nothing matches “{query}”.</p>}
    </div>
  );
}
