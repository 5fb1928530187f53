'use client';

import './validation.css';
import type { Problem } from '@/lib/engine/types';
import { formatJsonPath } from '@/lib/scheme/json-path';
import { useEditor, useEditorStore } from '../store-provider';
import { countOf } from './counts';

/**
 * The checker's findings for the current document, errors first. Clicking one brings it into view: its
 * node selected and centred on the canvas, or its JSON path in the JSON tab when that is showing (or when
 * the problem sits on no node).
 */
export function ProblemsPanel() {
  const problems = useEditor((s) => s.problems);
  const textIsDocument = useEditor((s) => s.jsonProblems === null);
  const store = useEditorStore();
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const show = (p: Problem) => store.getState().requestFocus(p.node !== undefined ? { node: p.node, path: p.path } : { path: p.path });

  return (
    <section className="problems-panel" data-testid="problems-panel" aria-label="Problems">
      <header className="problems-panel-head">
        <h3>Problems</h3>
        <span className={`badge ${errors.length ? 'badge-down' : 'badge-ok'}`} data-testid="problems-error-count">
          {countOf(errors.length, 'error')}
        </span>
        <span className={`badge ${warnings.length ? 'badge-warn' : ''}`} data-testid="problems-warning-count">
          {countOf(warnings.length, 'warning')}
        </span>
      </header>
      {!textIsDocument && <p className="problems-panel-note">The JSON tab has text that is not a valid document yet; these are the findings for the last valid one.</p>}
      {problems.length === 0 ? (
        <p className="muted">No problems: the scheme compiles.</p>
      ) : (
        <ul className="problems-panel-list">
          {[...errors, ...warnings].map((p, i) => (
            <li key={`${p.code}:${p.path.join('/')}:${i}`}>
              <button type="button" className={`problem-item is-${p.severity}`} onClick={() => show(p)} title="Show it">
                <span className="problem-severity">{p.severity}</span>
                <span className="problem-message">{p.message}</span>
                <span className="problem-where">
                  {p.node !== undefined && (
                    <>
                      node <code>{p.node}</code> ·{' '}
                    </>
                  )}
                  <code>{formatJsonPath(p.path)}</code> · <span className="problem-code">{p.code}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
