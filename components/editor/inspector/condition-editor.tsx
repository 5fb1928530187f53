'use client';

import { useState } from 'react';
import { CONDITION_KEY_ORDER, withField } from '@/lib/editor/inspector-fields';
import { moveItem, removeItem, replaceItem } from '@/lib/editor/inspector-list';
import { problemsUnder } from '@/lib/editor/inspector-problems';
import { newRule } from '@/lib/editor/inspector-rules';
import type { Problem } from '@/lib/engine/types';
import type { ConditionNode, Rule } from '@/lib/scheme/schema';
import { useEditor } from '../store-provider';
import { ProblemMark, severityClass } from './problem-notes';
import { DragHandle, RowControls } from './row-controls';
import { AttributeRuleEditor, FilterRuleEditor } from './rule-editor';
import { changeCondition, useNodeEdit } from './use-node-edit';
import { useReorder } from './use-reorder';

/** A condition's `all` / `any` and its rules: add, remove, reorder (arrows or drag), edit each. */
export function ConditionEditor({ node, problems }: { node: ConditionNode; problems: readonly Problem[] }) {
  const edit = useNodeEdit();
  const catalog = useEditor((s) => s.catalog);
  const filters = useEditor((s) => s.account.filters);
  // The rule just added opens its attribute list, so picking the attribute is the next keystroke.
  const [fresh, setFresh] = useState<number | null>(null);
  const change = (fn: (node: ConditionNode) => ConditionNode) => changeCondition(edit, fn);
  const setRules = (fn: (rules: Rule[]) => Rule[]) => change((n) => ({ ...n, rules: fn(n.rules) }));
  const move = (from: number, to: number) => {
    setFresh(null);
    setRules((rules) => moveItem(rules, from, to));
  };
  const reorder = useReorder(move);
  const match = node.match ?? 'all';
  const joiner = match === 'all' ? 'AND' : 'OR';

  return (
    <section className="insp-section" aria-label="Rules">
      <div className="insp-section-head">
        <h3>Rules</h3>
        <div className="insp-segmented" role="group" aria-label="Match">
          {(['all', 'any'] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={match === m}
              className={match === m ? 'on' : undefined}
              title={m === 'all' ? 'Every rule must hold (AND)' : 'At least one rule must hold (OR)'}
              // Pressing the current choice changes nothing (a missing match already means all).
              onClick={() => match !== m && change((n) => withField(n, 'match', m, CONDITION_KEY_ORDER))}
            >
              {m === 'all' ? 'All (AND)' : 'Any (OR)'}
            </button>
          ))}
        </div>
      </div>
      {node.rules.length === 0 && <p className="insp-muted">No rules yet: an empty condition never holds. Add one below.</p>}
      <ol className="insp-rules">
        {node.rules.map((rule, i) => {
          const what = `rule ${i + 1}`;
          const own = problemsUnder(problems, ['nodes', edit.id, 'rules', i]);
          return (
            <li key={i} data-path={`rules.${i}`} className={`insp-rule${reorder.dragging === i ? ' dragging' : ''}${severityClass(own)}`} {...reorder.rowProps(i)}>
              {i > 0 && <span className="insp-joiner">{joiner}</span>}
              <div className="insp-rule-head">
                <DragHandle label={`Drag ${what}`} {...reorder.handleProps(i)} />
                <span className="insp-rule-title">{'filter' in rule ? `Rule ${i + 1} · filter` : `Rule ${i + 1}`}</span>
                <ProblemMark problems={own} />
                <RowControls index={i} count={node.rules.length} what={what} onMove={move} onRemove={() => setRules((rules) => removeItem(rules, i))} />
              </div>
              {'filter' in rule ? (
                <FilterRuleEditor rule={rule} filters={filters} onChange={(r) => setRules((rules) => replaceItem(rules, i, r))} />
              ) : (
                <AttributeRuleEditor
                  rule={rule}
                  catalog={catalog}
                  startOpen={fresh === i}
                  onChange={(r) => {
                    setFresh(null);
                    setRules((rules) => replaceItem(rules, i, r));
                  }}
                />
              )}
            </li>
          );
        })}
      </ol>
      <div className="insp-actions">
        <button
          type="button"
          className="button small"
          onClick={() => {
            setFresh(node.rules.length);
            setRules((rules) => [...rules, newRule(catalog)]);
          }}
        >
          + Rule
        </button>
        <button
          type="button"
          className="button small"
          disabled={filters.length === 0}
          title={filters.length === 0 ? 'This account has no filters yet' : 'Reference a named, reusable group of rules'}
          onClick={() => setRules((rules) => [...rules, { filter: filters[0]!.id }])}
        >
          + Filter reference
        </button>
      </div>
    </section>
  );
}
