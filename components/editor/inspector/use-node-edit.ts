'use client';

import { createContext, useContext } from 'react';
import { bodyOf, updateNode, type NodeBody } from '@/lib/graph';
import { ownValue } from '@/lib/graph/records';
import type { ConditionNode, SchemeNode, StrategyNode } from '@/lib/scheme/schema';
import type { EditorStore } from '../store';

/**
 * The inspector's one write path for a node: `change(fn)` applies `fn` to the node as it is in the
 * store at that moment and dispatches the result through updateNode, as one undo step. A change that
 * alters nothing dispatches nothing (no empty undo steps); a refusal is reported to the inspector.
 */
export interface NodeEdit {
  id: string;
  change<N extends SchemeNode>(fn: (node: N) => N | NodeBody): void;
}

export function nodeEdit(store: EditorStore, id: string, report: (reason: string | null) => void): NodeEdit {
  return {
    id,
    change(fn) {
      const current = ownValue(store.getState().history.present.nodes, id);
      if (current === undefined) return;
      const next = fn(current as never);
      if (JSON.stringify(bodyOf(next as SchemeNode)) === JSON.stringify(bodyOf(current))) return;
      const result = store.getState().edit((doc) => updateNode(doc, id, next));
      report(result.ok ? null : result.reason);
    },
  };
}

const NodeEditContext = createContext<NodeEdit | null>(null);
export const NodeEditProvider = NodeEditContext.Provider;

export function useNodeEdit(): NodeEdit {
  const edit = useContext(NodeEditContext);
  if (!edit) throw new Error('useNodeEdit needs a NodeEditProvider above it.');
  return edit;
}

/** Typed shorthands for the two node kinds. */
export const changeCondition = (edit: NodeEdit, fn: (node: ConditionNode) => ConditionNode) => edit.change<ConditionNode>(fn);
export const changeStrategy = (edit: NodeEdit, fn: (node: StrategyNode) => StrategyNode) => edit.change<StrategyNode>(fn);
