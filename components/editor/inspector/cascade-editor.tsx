'use client';

import { STRATEGY_KEY_ORDER, withField } from '@/lib/editor/inspector-fields';
import { CATEGORY_LABELS, DEFAULT_CASCADE, toggleCategory } from '@/lib/editor/inspector-strategy';
import { CASCADE_CATEGORIES, type Cascade, type StrategyNode } from '@/lib/scheme/schema';
import { CommitField } from './commit-field';
import { changeStrategy, useNodeEdit } from './use-node-edit';

type Cascading = Exclude<StrategyNode, { strategy: 'blank' }>;

/** Whether a failed attempt moves on to the next candidate: max attempts and the failure categories. */
export function CascadeEditor({ node }: { node: Cascading }) {
  const edit = useNodeEdit();
  const setCascade = (fn: (cascade: Cascade | undefined) => Cascade | undefined) =>
    changeStrategy(edit, (n) => (n.strategy === 'blank' ? n : withField(n as Cascading, 'cascade', fn(n.cascade), STRATEGY_KEY_ORDER)));
  const cascade = node.cascade;
  return (
    <section className="insp-section" aria-label="Cascade" data-path="cascade">
      <div className="insp-section-head">
        <h3>Cascade</h3>
        <label className="insp-check">
          <input type="checkbox" checked={cascade !== undefined} onChange={(e) => setCascade(() => (e.target.checked ? DEFAULT_CASCADE : undefined))} />
          Retry on the next candidate
        </label>
      </div>
      {cascade === undefined ? (
        <p className="insp-muted">One attempt only.</p>
      ) : (
        <div className="insp-grid">
          <label className="insp-field">
            <span>Max attempts</span>
            <CommitField
              aria-label="Max attempts"
              type="number"
              min={1}
              max={10}
              step={1}
              value={String(cascade.max_attempts)}
              check={(text) => (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 10 ? null : 'A whole number from 1 to 10.')}
              onCommit={(text) => {
                const n = Number(text);
                if (!Number.isInteger(n) || n < 1 || n > 10) return 'A whole number from 1 to 10.';
                setCascade((c) => (c ? { ...c, max_attempts: n } : c));
              }}
            />
          </label>
          <fieldset className="insp-field insp-categories">
            <legend>Retry on</legend>
            {CASCADE_CATEGORIES.map((category) => (
              <label key={category} className="insp-check">
                <input
                  type="checkbox"
                  checked={cascade.on.includes(category)}
                  onChange={(e) => setCascade((c) => (c ? toggleCategory(c, category, e.target.checked) : c))}
                />
                {CATEGORY_LABELS[category]}
              </label>
            ))}
            <span className="insp-hint">Never on hard declines.</span>
          </fieldset>
        </div>
      )}
    </section>
  );
}
