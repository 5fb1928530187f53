import type { DiffLine, DocumentDiff } from '@/lib/scheme/diff';
import type { ReferenceChange } from '@/lib/scheme/snapshot-diff';
import styles from './publishing.module.css';

/** What changed between two versions: nodes added, removed and changed (with their fields), then the JSON side by side. */
export function VersionDiff({ diff, references, fromLabel, toLabel }: { diff: DocumentDiff; references: readonly ReferenceChange[]; fromLabel: string; toLabel: string }) {
  const documentOnlyLayout = diff.decisionsEqual && references.length === 0;
  return (
    <>
      <div className={styles.summary} data-testid="diff-summary">
        <NodeList title="Added nodes" ids={diff.added} className={styles.nodeAdded} testId="diff-added" />
        <NodeList title="Removed nodes" ids={diff.removed} className={styles.nodeRemoved} testId="diff-removed" />
        <div>
          <h3>Changed nodes</h3>
          {diff.changed.length === 0 ? (
            <p className="muted">none</p>
          ) : (
            <ul data-testid="diff-changed">
              {diff.changed.map((c) => (
                <li key={c.id}>
                  <span className={`badge ${styles.nodeChanged}`}>{c.id}</span> <span className="muted">{c.fields.join(', ')}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Elsewhere</h3>
          <ul data-testid="diff-elsewhere">
            {diff.fields.length > 0 && <li>top-level: {diff.fields.join(', ')}</li>}
            {diff.moved.length > 0 && <li>moved on the canvas: {diff.moved.join(', ')}</li>}
            {references.map((r) => (
              <li key={`${r.kind}:${r.id}`}>
                {r.kind === 'filter' ? 'Filter' : 'Processor route'} “{r.name}” <code>{r.id}</code> {r.change === 'changed' ? 'changed:' : r.change === 'added' ? 'is used only by the newer version' : 'is used only by the older version'}
                {r.details.length > 0 && (
                  <ul>
                    {r.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
            <li>
              {documentOnlyLayout
                ? 'Decisions are the same (layout or name only).'
                : diff.decisionsEqual
                  ? 'The documents decide alike; decisions differ only through the filters and routes above.'
                  : 'Decisions differ where the changed nodes (and any filters or routes above) apply.'}
            </li>
          </ul>
        </div>
      </div>
      <div className={styles.diffScroll}>
        <table className={styles.sideBySide} data-testid="json-diff">
          <colgroup>
            <col className={styles.numberColumn} />
            <col />
            <col className={styles.numberColumn} />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th colSpan={2}>{fromLabel}</th>
              <th colSpan={2}>{toLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows(diff.lines).map(([left, right], i) => (
              <tr key={i} {...(left?.kind === 'same' ? {} : { 'data-changed': '' })}>
                <td className={styles.number}>{left?.old ?? ''}</td>
                <td className={left ? (left.kind === 'removed' ? styles.lineRemoved : undefined) : styles.lineEmpty}>{left?.text ?? ''}</td>
                <td className={styles.number}>{right?.new ?? ''}</td>
                <td className={right ? (right.kind === 'added' ? styles.lineAdded : undefined) : styles.lineEmpty}>{right?.text ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NodeList({ title, ids, className = '', testId }: { title: string; ids: readonly string[]; className?: string | undefined; testId: string }) {
  return (
    <div>
      <h3>{title}</h3>
      {ids.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul data-testid={testId}>
          {ids.map((id) => (
            <li key={id}>
              <span className={`badge ${className}`}>{id}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Side-by-side rows: unchanged lines face each other; a run of removals faces the run of additions after it. */
function rows(lines: readonly DiffLine[]): [DiffLine | undefined, DiffLine | undefined][] {
  const out: [DiffLine | undefined, DiffLine | undefined][] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.kind === 'same') {
      out.push([line, line]);
      i++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (i < lines.length && lines[i]!.kind === 'removed') removed.push(lines[i++]!);
    while (i < lines.length && lines[i]!.kind === 'added') added.push(lines[i++]!);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) out.push([removed[k], added[k]]);
  }
  return out;
}
