import type { XYPosition } from '@xyflow/react';
import type { ConditionNode, SchemeDocument, StrategyNode } from '../scheme/schema';

export type { XYPosition };

/** The two source handles of a condition: `yes` is its `then` branch, `no` its `else` branch. */
export type BranchHandle = 'yes' | 'no';
export const BRANCH_HANDLES: readonly BranchHandle[] = ['yes', 'no'];

/** A condition without its branches: in the graph the branches are edges, not node data. */
export type ConditionBody = Omit<ConditionNode, 'then' | 'else'>;

/** What a node holds apart from its outgoing branches. */
export type NodeBody = ConditionBody | StrategyNode;

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
