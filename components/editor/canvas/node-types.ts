import type { NodeTypes } from '@xyflow/react';
import type { CanvasNodeType } from '@/lib/editor/canvas-model';
import { ConditionNode } from './nodes/condition-node';
import { BlankNode, DirectNode, PriorityNode, RandomNode, WeightNode } from './nodes/strategy-node';

/** The node registry: one component per canvas node type (a condition, and each kind of strategy). */
export const NODE_TYPES = {
  condition: ConditionNode,
  blank: BlankNode,
  direct: DirectNode,
  priority: PriorityNode,
  weight: WeightNode,
  random: RandomNode,
} satisfies Record<CanvasNodeType, NodeTypes[string]>;
