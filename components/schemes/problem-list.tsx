import type { Problem } from '@/lib/engine/types';
import { formatJsonPath } from '@/lib/scheme/json-path';

/** Compiler findings, each with its code, node and JSON path into the document. */
export function ProblemList({ problems, kind }: { problems: readonly Problem[]; kind: 'error' | 'warning' }) {
  if (problems.length === 0) return null;
  return (
    <ul className={`problems problems-${kind}`} data-testid={`problems-${kind}`}>
      {problems.map((p, i) => (
        <li key={i}>
          <span className={kind === 'error' ? 'badge badge-down' : 'badge badge-warn'}>{p.code}</span> {p.message}
          <div className="muted">
            {p.node && (
              <>
                node <code>{p.node}</code> ·{' '}
              </>
            )}
            <code>{formatJsonPath(p.path)}</code>
          </div>
        </li>
      ))}
    </ul>
  );
}
