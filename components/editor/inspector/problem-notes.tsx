'use client';

import type { Problem } from '@/lib/engine/types';
import { bySeverity, placeOf } from '@/lib/editor/inspector-problems';

/**
 * The checker's findings on the node, errors first, at the top of the inspector. Clicking one brings
 * the part it is about into view (`onLocate`); "JSON" shows its path in the JSON tab.
 */
export function ProblemNotes({ problems, onLocate, onShowJson }: {
  problems: readonly Problem[];
  onLocate?: (problem: Problem) => void;
  onShowJson?: (problem: Problem) => void;
}) {
  if (problems.length === 0) return null;
  return (
    <ul className="insp-problems" aria-label="Problems of this node">
      {bySeverity(problems).map((p, i) => (
        <li key={`${p.code}:${p.path.join('/')}:${i}`} className={p.severity === 'error' ? 'error' : 'warning'}>
          <span className="insp-sev">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
          <button type="button" className="insp-problem-text" title="Show where" onClick={() => onLocate?.(p)}>
            {placeOf(p) && <b>{placeOf(p)}: </b>}
            {p.message}
          </button>
          {onShowJson && (
            <button type="button" className="insp-link" title={`Show $.${p.path.join('.')} in the JSON tab`} onClick={() => onShowJson(p)}>
              JSON
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Marks a part of the node (a rule, a processor entry) that has problems, without repeating the
 * messages listed at the top: a sign whose tooltip and accessible name carry them.
 */
export function ProblemMark({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  const error = problems.some((p) => p.severity === 'error');
  const text = bySeverity(problems).map((p) => p.message).join('\n');
  return (
    <span className={`insp-mark ${error ? 'error' : 'warning'}`} title={text} aria-label={text} role="img">
      !
    </span>
  );
}

/** The severity class of a part with problems, for its border. */
export function severityClass(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  return problems.some((p) => p.severity === 'error') ? ' has-error' : ' has-warning';
}

/**
 * The element of the inspector that a problem's path points into: the deepest `data-path` that is a
 * prefix of the path below the node (e.g. "rules.1" for ["nodes", id, "rules", 1, "value"]).
 */
export function locate(root: HTMLElement | null, problem: Problem): HTMLElement | null {
  if (!root) return null;
  const below = problem.path.slice(2).map(String);
  for (let n = below.length; n > 0; n--) {
    const found = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(below.slice(0, n).join('.'))}"]`);
    if (found) return found;
  }
  return null;
}
