'use client';

import { STRATEGY_KEY_ORDER, withField } from '@/lib/editor/inspector-fields';
import { convertStrategy } from '@/lib/editor/inspector-strategy';
import { STRATEGY_WORDS } from '@/lib/scheme/words';
import type { Problem } from '@/lib/engine/types';
import { STRATEGIES, type BlankStrategy, type StrategyNode } from '@/lib/scheme/schema';
import { useEditorStore } from '../store-provider';
import { CascadeEditor } from './cascade-editor';
import { CommitField } from './commit-field';
import { ModifiersEditor } from './modifiers-editor';
import { ProcessorList } from './processor-list';
import { changeStrategy, useNodeEdit } from './use-node-edit';
import { WeightList } from './weight-list';

/** A strategy: its type (switching keeps the processors), its processors, cascade and modifiers. */
export function StrategyEditor({ node, problems }: { node: StrategyNode; problems: readonly Problem[] }) {
  const edit = useNodeEdit();
  const store = useEditorStore();
  return (
    <>
      <section className="insp-section" aria-label="Strategy">
        <div className="insp-section-head">
          <h3>Strategy</h3>
        </div>
        <div className="insp-segmented insp-strategies" role="group" aria-label="Strategy type">
          {STRATEGIES.map((kind) => (
            <button
              key={kind}
              type="button"
              aria-pressed={node.strategy === kind}
              className={node.strategy === kind ? 'on' : undefined}
              title={STRATEGY_WORDS[kind].hint}
              onClick={() => changeStrategy(edit, (n) => convertStrategy(n, kind, store.getState().account.routes))}
            >
              {STRATEGY_WORDS[kind].name}
            </button>
          ))}
        </div>
        <p className="insp-muted">{STRATEGY_WORDS[node.strategy].hint}</p>
        {node.strategy === 'blank' && (
          <label className="insp-field">
            <span>Reason</span>
            <CommitField
              aria-label="Reason"
              placeholder="Why the payment is refused, e.g. not accepted"
              value={node.reason ?? ''}
              maxLength={500}
              onCommit={(text) =>
                changeStrategy(edit, (n) => (n.strategy === 'blank' ? withField<BlankStrategy, 'reason'>(n, 'reason', text.trim() === '' ? undefined : text, STRATEGY_KEY_ORDER) : n))
              }
            />
          </label>
        )}
      </section>
      {node.strategy === 'weight' && <WeightList node={node} problems={problems} />}
      {(node.strategy === 'priority' || node.strategy === 'direct' || node.strategy === 'random') && <ProcessorList node={node} problems={problems} />}
      {node.strategy !== 'blank' && <CascadeEditor node={node} />}
      <ModifiersEditor node={node} />
    </>
  );
}
