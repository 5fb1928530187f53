'use client';

/**
 * Stand-ins for the parts built alongside the editor core (the JSON tab, the problems
 * list); each is replaced by the real component when its branch is merged.
 */
import { useEffect } from 'react';
import { compile } from '@/lib/engine';
import { compileOptionsFor } from '@/lib/editor/account';
import { formatDocument } from './store';
import { useEditor, useEditorStore } from './store-provider';

export function JsonSlot() {
  const doc = useEditor((s) => s.history.present);
  return <pre className="json sy-json-fallback">{formatDocument(doc)}</pre>;
}

export function ProblemsSlot() {
  const problems = useEditor((s) => s.problems);
  const store = useEditorStore();
  if (problems.length === 0) return <p className="muted">No problems: the scheme compiles.</p>;
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i}>
          <button type="button" className="link-button" onClick={() => store.getState().requestFocus(p.node ? { node: p.node } : { path: p.path })}>
            <span className={`badge ${p.severity === 'error' ? 'badge-down' : 'badge-warn'}`}>{p.severity}</span> {p.message}
          </button>{' '}
          <code>$.{p.path.join('.')}</code>
        </li>
      ))}
    </ul>
  );
}

/** Checks the document a moment after each edit, on the main thread. */
export function useValidationSlot() {
  const doc = useEditor((s) => s.history.present);
  const account = useEditor((s) => s.account);
  const store = useEditorStore();
  useEffect(() => {
    const timer = setTimeout(() => {
      const result = compile(doc, compileOptionsFor(account));
      store.getState().setProblems(result.ok ? result.warnings : [...result.errors, ...result.warnings]);
    }, 250);
    return () => clearTimeout(timer);
  }, [doc, account, store]);
}
