'use client';

import { useMemo, useRef, useState } from 'react';
import { removeNodes, renameNode, setStart } from '@/lib/graph';
import { ownValue } from '@/lib/graph/records';
import { CONDITION_KEY_ORDER, STRATEGY_KEY_ORDER, withField } from '@/lib/editor/inspector-fields';
import { problemsOfNode } from '@/lib/editor/inspector-problems';
import type { SchemeNode } from '@/lib/scheme/schema';
import { CONDITION_WORDS, STRATEGY_WORDS } from '@/lib/scheme/words';
import { useEditor, useEditorStore } from '../store-provider';
import { CommitField } from './commit-field';
import { Branches } from './branches';
import { ConditionEditor } from './condition-editor';
import { locate, ProblemNotes } from './problem-notes';
import { StrategyEditor } from './strategy-editor';
import { nodeEdit, NodeEditProvider } from './use-node-edit';
import './inspector.css';

/**
 * The inspector: the editor of the selected node. Nothing selected gives a hint, several a summary
 * with delete, one its editor. It reads the document and the selection from the editor store and
 * writes only through `edit` with lib/graph operations, so every change is one undo step.
 */
export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const exists = useEditor((s) => selection.length === 1 && ownValue(s.history.present.nodes, selection[0]!) !== undefined);
  const readOnly = useEditor((s) => s.readOnly);
  return (
    // A disabled fieldset makes every control inside read-only at once, on a screen too narrow to edit.
    <fieldset className="inspector" role="region" aria-label="Inspector" data-testid="inspector" disabled={readOnly}>
      {selection.length === 0 ? (
        <div className="insp-empty">
          <p className="insp-muted">Select a node on the canvas to edit it. Shift-click or drag a box to select several.</p>
        </div>
      ) : selection.length > 1 ? (
        <SelectionSummary ids={selection} />
      ) : exists ? (
        <NodeInspector key={selection[0]} id={selection[0]!} />
      ) : null}
    </fieldset>
  );
}

function SelectionSummary({ ids }: { ids: readonly string[] }) {
  const store = useEditorStore();
  const nodes = useEditor((s) => s.history.present.nodes);
  return (
    <div className="insp-summary">
      <h2>{ids.length} nodes selected</h2>
      <ul className="insp-list">
        {ids.map((id) => {
          const node = ownValue(nodes, id);
          return (
            <li key={id} className="insp-row">
              <button type="button" className="insp-link insp-grow" onClick={() => store.getState().select([id])} title="Select only this node">
                <code>{id}</code> {node?.label && <span className="insp-muted">{node.label}</span>}
              </button>
              <span className="badge">{node?.type === 'strategy' ? STRATEGY_WORDS[node.strategy].name : CONDITION_WORDS.name}</span>
            </li>
          );
        })}
      </ul>
      <div className="insp-actions">
        <button type="button" className="button small danger" onClick={() => store.getState().edit((doc) => removeNodes(doc, ids))}>
          Delete {ids.length} nodes
        </button>
      </div>
    </div>
  );
}

function NodeInspector({ id }: { id: string }) {
  const store = useEditorStore();
  const node = useEditor((s) => ownValue(s.history.present.nodes, id)) as SchemeNode;
  const isStart = useEditor((s) => s.history.present.start === id);
  const allProblems = useEditor((s) => s.problems);
  const problems = useMemo(() => problemsOfNode(allProblems, id), [allProblems, id]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const edit = useMemo(() => nodeEdit(store, id, setRefusal), [store, id]);
  const root = useRef<HTMLDivElement>(null);
  const show = (target: HTMLElement | null) => {
    if (!target) return;
    target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    target.classList.remove('insp-flash');
    void target.offsetWidth; // restart the highlight animation
    target.classList.add('insp-flash');
  };
  const order = node.type === 'condition' ? CONDITION_KEY_ORDER : STRATEGY_KEY_ORDER;
  const setText = (key: 'label' | 'description') => (text: string) =>
    edit.change((n) => withField(n, key, text.trim() === '' ? undefined : text, order));

  return (
    <NodeEditProvider value={edit}>
      <div className="insp-node" ref={root}>
        <header className="insp-head">
          <span className={`badge ${node.type === 'condition' ? 'badge-accent' : 'badge-ok'}`}>{node.type === 'condition' ? CONDITION_WORDS.name : `Strategy · ${STRATEGY_WORDS[node.strategy].name}`}</span>
          {isStart ? (
            <span className="badge badge-warn" title="The first node a payment meets">
              Start
            </span>
          ) : (
            <button type="button" className="button small" onClick={() => store.getState().edit((doc) => setStart(doc, id))}>
              Make start
            </button>
          )}
        </header>
        {refusal && (
          <p className="insp-refusal" role="alert">
            {refusal}
          </p>
        )}
        <ProblemNotes problems={problems} onLocate={(p) => show(locate(root.current, p))} onShowJson={(p) => store.getState().requestFocus({ path: p.path })} />
        <section className="insp-section insp-grid" aria-label="Node">
          <label className="insp-field">
            <span>Id</span>
            <CommitField
              aria-label="Id"
              className="insp-mono"
              value={id}
              spellCheck={false}
              onCommit={(text) => {
                const next = text.trim();
                const result = store.getState().edit((doc) => renameNode(doc, id, next));
                if (!result.ok) return result.reason;
                // The renamed node stays selected: the store dropped the old id from the selection.
                if (store.getState().selection.length === 0) store.getState().select([next]);
              }}
              hint="Branches and the start follow a rename."
            />
          </label>
          <label className="insp-field">
            <span>Label</span>
            <CommitField aria-label="Label" value={node.label ?? ''} placeholder="Shown on the node" maxLength={200} onCommit={setText('label')} />
          </label>
          <label className="insp-field insp-wide">
            <span>Description</span>
            <CommitField aria-label="Description" multiline value={node.description ?? ''} placeholder="Notes for reviewers (optional)" maxLength={2000} onCommit={setText('description')} />
          </label>
        </section>
        {node.type === 'condition' ? (
          <>
            <ConditionEditor node={node} problems={problems} />
            <Branches node={node} />
          </>
        ) : (
          <StrategyEditor node={node} problems={problems} />
        )}
        <div className="insp-actions insp-foot">
          <button type="button" className="button small danger" onClick={() => store.getState().edit((doc) => removeNodes(doc, [id]))}>
            Delete node
          </button>
        </div>
      </div>
    </NodeEditProvider>
  );
}
