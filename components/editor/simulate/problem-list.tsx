'use client';

import type { ClientProblem } from '@/lib/editor/simulation-client';

/** A refused run: the message and each problem with its path (text only: nothing from the input is rendered as markup). */
export function ProblemList({ problem }: { problem: ClientProblem }) {
  return (
    <div className="notice notice-error" role="alert" data-testid="sim-problem">
      {problem.message}
      {problem.issues.length > 0 && (
        <ul>
          {problem.issues.slice(0, 20).map((issue, i) => (
            <li key={i}>
              {issue.message} <code>{issue.path.join('.')}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
