'use client';

import { useEffect, useState } from 'react';
import { removeItem, replaceItem } from '@/lib/editor/inspector-list';
import { problemsUnder } from '@/lib/editor/inspector-problems';
import { spreadEvenly, weightForNew, weightSum } from '@/lib/editor/inspector-strategy';
import type { Problem } from '@/lib/engine/types';
import type { WeightStrategy } from '@/lib/scheme/schema';
import { useEditor } from '../store-provider';
import { ProblemMark, severityClass } from './problem-notes';
import { ProcessorPicker, ProcessorSummary } from './processor-picker';
import { RowControls } from './row-controls';
import { isSaveKey } from './commit-field';
import { changeStrategy, useNodeEdit } from './use-node-edit';

/**
 * A weight strategy's processors with their weights as numbers and bars. The sum is live: it follows
 * what is being typed, before the weight is committed (on blur or Enter, one undo step per weight).
 */
export function WeightList({ node, problems }: { node: WeightStrategy; problems: readonly Problem[] }) {
  const edit = useNodeEdit();
  const processors = useEditor((s) => s.account.processors);
  const committed = node.processors.map((p) => String(p.weight));
  const [drafts, setDrafts] = useState(committed);
  const key = committed.join(',');
  useEffect(() => setDrafts(key === '' ? [] : key.split(',')), [key]);

  const set = (fn: (items: WeightStrategy['processors']) => WeightStrategy['processors']) =>
    changeStrategy(edit, (n) => (n.strategy === 'weight' ? { ...n, processors: fn(n.processors) } : n));
  const live = drafts.map((d) => Number(d)).map((w) => (Number.isFinite(w) ? w : 0));
  const sum = weightSum(live);
  const commit = (i: number) => {
    const text = drafts[i] ?? '';
    if (text === committed[i]) return;
    const weight = Number(text);
    if (text.trim() === '' || !Number.isFinite(weight)) {
      setDrafts(committed);
      return;
    }
    set((items) => replaceItem(items, i, { ...items[i]!, weight }));
  };

  return (
    <section className="insp-section" aria-label="Weights" data-path="processors">
      <div className="insp-section-head">
        <h3>Processors and weights</h3>
        <span className={sum === 100 ? 'insp-sum ok' : 'insp-sum bad'} data-testid="weight-sum" role="status">
          Sum {sum} / 100
        </span>
      </div>
      {node.processors.length === 0 && <p className="insp-muted">No processor yet.</p>}
      <ul className="insp-list">
        {node.processors.map((item, i) => {
          const own = problemsUnder(problems, ['nodes', edit.id, 'processors', i]);
          return (
          <li key={`${item.processor}:${i}`} data-path={`processors.${i}`} className={`insp-row insp-weight-row${severityClass(own)}`}>
            <ProcessorSummary id={item.processor} processor={processors.find((p) => p.id === item.processor)} />
            <label className="insp-weight">
              <input
                type="number"
                min={0}
                max={100}
                step={1}
                aria-label={`Weight of ${item.processor}`}
                value={drafts[i] ?? ''}
                onChange={(e) => setDrafts(replaceItem(drafts, i, e.target.value))}
                onBlur={() => commit(i)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || isSaveKey(e)) commit(i);
                  if (e.key === 'Escape') setDrafts(committed);
                }}
              />
              <span aria-hidden>%</span>
            </label>
            <ProblemMark problems={own} />
            <RowControls index={i} count={node.processors.length} what={item.processor} onRemove={() => set((items) => removeItem(items, i))} />
            <span className="insp-bar" aria-hidden>
              <span style={{ width: `${Math.max(0, Math.min(100, live[i] ?? 0))}%` }} />
            </span>
          </li>
          );
        })}
      </ul>
      <div className="insp-actions">
        <ProcessorPicker
          label="+ Processor"
          processors={processors}
          listed={new Set(node.processors.map((p) => p.processor))}
          onPick={(entry) => set((items) => (typeof entry === 'string' ? [...items, { processor: entry, weight: weightForNew(items) }] : items))}
        />
        <button
          type="button"
          className="button small"
          disabled={node.processors.length === 0}
          onClick={() => set((items) => spreadEvenly(items.map((p) => p.processor)))}
        >
          Spread evenly
        </button>
      </div>
    </section>
  );
}
