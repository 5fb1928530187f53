import type { Edge, Node, XYPosition } from '@xyflow/react';
import type { ConditionNode, SchemeDocument, StrategyNode } from '../scheme/schema';

export type { XYPosition };

/** The two source handles of a condition: `yes` is its `then` branch, `no` its `else` branch. */
export type BranchHandle = 'yes' | 'no';
export const BRANCH_HANDLES: readonly BranchHandle[] = ['yes', 'no'];

/** A condition without its branches: in the graph the branches are edges, not node data. */
export type ConditionBody = Omit<ConditionNode, 'then' | 'else'>;

/** What a node holds apart from its outgoing branches. */
export type NodeBody = ConditionBody | StrategyNode;

/**
 * Node data is the scheme node itself plus the two facts the canvas needs that live elsewhere in the
 * document (the start flag, and whether the layout has a position for it). Nothing derived is kept,
 * so nothing can drift from the document.
 */
export type ConditionNodeData = {
  node: ConditionBody;
  isStart: boolean;
  /**
   * Present only when the document has no position for this node: the placeholder position toFlow
   * gave it. The editor runs the auto layout when any node has it. fromFlow leaves such a node out of
   * `layout` while it still sits exactly on this placeholder.
   */
  unplaced?: XYPosition;
};

export type StrategyNodeData = {
  node: StrategyNode;
  isStart: boolean;
  unplaced?: XYPosition;
};

export type ConditionFlowNode = Node<ConditionNodeData, 'condition'>;
export type StrategyFlowNode = Node<StrategyNodeData, 'strategy'>;
export type FlowNode = ConditionFlowNode | StrategyFlowNode;

/** A branch: from a condition's `yes` / `no` handle to the node it names. */
export type FlowEdge = Edge & { sourceHandle: BranchHandle };

export interface Flow {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Every edit operation answers with the new document or says why it refused. */
export type Refusal = { ok: false; code: RefusalCode; reason: string };
export type RefusalCode =
  | 'unknown_node'
  | 'duplicate_id'
  | 'invalid_id'
  | 'invalid_node'
  | 'invalid_position'
  | 'invalid_fragment'
  | 'not_a_condition'
  | 'cycle'
  | 'read_only';
export type EditResult<Extra = unknown> = ({ ok: true; doc: SchemeDocument } & Extra) | Refusal;
