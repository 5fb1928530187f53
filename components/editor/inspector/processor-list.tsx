'use client';

import { moveItem, removeItem } from '@/lib/editor/inspector-list';
import { problemsUnder } from '@/lib/editor/inspector-problems';
import type { PriorityEntry } from '@/lib/editor/inspector-strategy';
import type { Problem } from '@/lib/engine/types';
import type { DirectStrategy, PriorityStrategy, RandomStrategy } from '@/lib/scheme/schema';
import { useEditor } from '../store-provider';
import { ProblemMark, severityClass } from './problem-notes';
import { ProcessorPicker, ProcessorSummary, RouteSummary } from './processor-picker';
import { DragHandle, RowControls } from './row-controls';
import { changeStrategy, useNodeEdit } from './use-node-edit';
import { useReorder } from './use-reorder';

type ListStrategy = PriorityStrategy | DirectStrategy | RandomStrategy;

const entryKey = (entry: PriorityEntry) => (typeof entry === 'string' ? entry : `route:${entry.route}`);

/**
 * The processors of a priority, direct or random strategy. Priority is ordered (arrows and drag, the
 * first eligible wins) and takes processor routes; random is a set; direct takes exactly one.
 */
export function ProcessorList({ node, problems }: { node: ListStrategy; problems: readonly Problem[] }) {
  const edit = useNodeEdit();
  const processors = useEditor((s) => s.account.processors);
  const routes = useEditor((s) => s.account.routes);
  const ordered = node.strategy === 'priority';
  const setList = (fn: (list: PriorityEntry[]) => PriorityEntry[]) =>
    changeStrategy(edit, (n) => (n.strategy === node.strategy ? ({ ...n, processors: fn(n.processors as PriorityEntry[]) } as ListStrategy) : n));
  const move = (from: number, to: number) => setList((list) => moveItem(list, from, to));
  const reorder = useReorder(move);
  const entries = node.processors as PriorityEntry[];
  const listed = new Set(entries.map(entryKey));

  return (
    <section className="insp-section" aria-label="Processors" data-path="processors">
      <div className="insp-section-head">
        <h3>{ordered ? 'Processors, in order' : node.strategy === 'direct' ? 'Processor' : 'Processors'}</h3>
        <span className="insp-muted">
          {ordered ? 'The first eligible one is chosen.' : node.strategy === 'random' ? 'A uniform choice among the eligible ones.' : 'Always this one.'}
        </span>
      </div>
      {entries.length === 0 && <p className="insp-muted">No processor yet.</p>}
      <ol className={ordered ? 'insp-list ordered' : 'insp-list'}>
        {entries.map((entry, i) => {
          const what = typeof entry === 'string' ? entry : entry.route;
          const own = problemsUnder(problems, ['nodes', edit.id, 'processors', i]);
          return (
            <li
              key={`${entryKey(entry)}:${i}`}
              data-path={`processors.${i}`}
              className={`insp-row${reorder.dragging === i ? ' dragging' : ''}${severityClass(own)}`}
              {...(ordered ? reorder.rowProps(i) : {})}
            >
              {ordered && <DragHandle label={`Drag ${what}`} {...reorder.handleProps(i)} />}
              {ordered && <span className="insp-pos">{i + 1}</span>}
              {typeof entry === 'string' ? (
                <ProcessorSummary id={entry} processor={processors.find((p) => p.id === entry)} />
              ) : (
                <RouteSummary id={entry.route} route={routes.find((r) => r.id === entry.route)} />
              )}
              <ProblemMark problems={own} />
              <RowControls index={i} count={entries.length} what={what} onMove={ordered ? move : undefined} onRemove={() => setList((list) => removeItem(list, i))} />
            </li>
          );
        })}
      </ol>
      {node.strategy === 'direct' && entries.length > 1 && (
        <p className="insp-notice">
          A direct strategy uses exactly one processor.{' '}
          <button type="button" className="button small" onClick={() => setList((list) => list.slice(0, 1))}>
            Keep only {String(entries[0])}
          </button>
        </p>
      )}
      {(node.strategy !== 'direct' || entries.length === 0) && (
        <div className="insp-actions">
          <ProcessorPicker
            label={ordered ? '+ Processor or route' : '+ Processor'}
            processors={processors}
            routes={ordered ? routes : undefined}
            listed={listed}
            onPick={(entry) => setList((list) => [...list, entry])}
          />
        </div>
      )}
      {node.strategy === 'direct' && entries.length === 1 && (
        <div className="insp-actions">
          <ProcessorPicker label="Change processor" processors={processors} listed={listed} onPick={(entry) => setList(() => [entry])} />
        </div>
      )}
    </section>
  );
}
