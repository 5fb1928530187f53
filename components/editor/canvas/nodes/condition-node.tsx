'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { describeRead, describeRule } from '@/lib/catalog/describe';
import type { CanvasNodeData } from '@/lib/editor/canvas-model';
import { BRANCH_HANDLES, HANDLE_OFFSET, type BranchHandle, type ConditionBody } from '@/lib/graph';
import { useEditor } from '../../store-provider';
import { useNodeHeat } from '../use-heat';
import { NodeFrame } from './node-frame';

/** Rules shown on the node; the rest are counted ("+ 3 more") and shown in the inspector. */
const SHOWN_RULES = 4;

const BRANCH_TITLES: Record<BranchHandle, string> = {
  yes: 'yes: drag to the node taken when the condition holds',
  no: 'no: drag to the node taken otherwise',
};

// Handles and their labels sit where the auto layout expects them (HANDLE_OFFSET); module constants,
// so a re-render hands React Flow the same style objects.
const at = (branch: BranchHandle) => `${HANDLE_OFFSET[branch] * 100}%`;
const BRANCH_STYLE = {
  down: { yes: { left: at('yes') }, no: { left: at('no') } },
  right: { yes: { top: at('yes') }, no: { top: at('no') } },
} as const;

function ConditionNodeView({ id, data, selected }: NodeProps & { data: CanvasNodeData }) {
  const node = data.node as ConditionBody;
  const catalog = useEditor((s) => s.catalog);
  const filters = useEditor((s) => s.account.filters);
  const heat = useNodeHeat(id);
  const down = data.direction === 'down';
  const styles = down ? BRANCH_STYLE.down : BRANCH_STYLE.right;
  const rules = node.rules.slice(0, SHOWN_RULES);
  const traced = data.nodeTrace;
  return (
    <NodeFrame id={id} data={data} heat={heat} kind="Condition" kindClass={down ? 'sy-condition' : 'sy-condition branches-right'} selected={selected}>
      <div className="sy-match">{node.rules.length > 1 ? (node.match === 'any' ? 'Any of' : 'All of') : node.rules.length === 0 ? 'No rules yet: always no' : 'If'}</div>
      <ul className="sy-rules">
        {rules.map((rule, i) => {
          const ruleTrace = traced?.rules[i];
          return (
            <li key={i} className={ruleTrace ? (ruleTrace.result ? 'rule-true' : 'rule-false') : undefined}>
              <span className="sy-rule-text">{describeRule(rule, { catalog, filters })}</span>
              {ruleTrace && (
                <span className="sy-rule-read" data-testid="rule-read">
                  {ruleTrace.result ? '✓' : '✗'} read {describeRead(ruleTrace.actual, ruleTrace.missing)}
                </span>
              )}
            </li>
          );
        })}
        {node.rules.length > SHOWN_RULES && <li className="sy-more">+ {node.rules.length - SHOWN_RULES} more</li>}
      </ul>
      {traced && <div className={`sy-trace-result ${traced.result ? 'is-yes' : 'is-no'}`}>→ {traced.result ? 'yes' : 'no'}</div>}
      <div className={`sy-branches ${down ? 'is-down' : 'is-right'}`}>
        {BRANCH_HANDLES.map((branch) => (
          <span key={branch} className={`sy-branch-label sy-${branch}`} style={styles[branch]}>
            {branch}
          </span>
        ))}
      </div>
      {BRANCH_HANDLES.map((branch) => (
        <Handle
          key={branch}
          type="source"
          id={branch}
          position={down ? Position.Bottom : Position.Right}
          className={`sy-handle sy-handle-${branch}`}
          style={styles[branch]}
          title={BRANCH_TITLES[branch]}
        />
      ))}
    </NodeFrame>
  );
}

export const ConditionNode = memo(ConditionNodeView);
