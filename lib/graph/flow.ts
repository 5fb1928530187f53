import type { ConditionNode, SchemeDocument, SchemeNode } from '../scheme/schema';
import { placeholderPositions } from './placeholder';
import { hasOwnKey, ownValue } from './records';
import type { BranchHandle, ConditionBody, Flow, FlowEdge, FlowNode, NodeBody, XYPosition } from './types';

/** A condition without then/else; strategies are returned as they are. */
export function bodyOf(node: SchemeNode): NodeBody {
  if (node.type !== 'condition') return node;
  const { then: _then, else: _else, ...body } = node;
  return body;
}

/** The stable id of the edge leaving `source` through `handle`. Unique: the suffix tells the handle. */
export function edgeId(source: string, handle: BranchHandle): string {
  return `${source}:${handle}`;
}

function branchEdge(source: string, handle: BranchHandle, target: string): FlowEdge {
  return { id: edgeId(source, handle), source, target, sourceHandle: handle };
}

/**
 * The document as React Flow nodes and edges: one node per scheme node (in document order), one edge
 * per branch. Positions come from `layout`; a node without one gets a placeholder and `data.unplaced`.
 * A branch naming a node that does not exist still becomes an edge (React Flow does not draw it), so
 * an unfinished draft survives the round trip; the compiler reports it on the node.
 */
export function toFlow(doc: SchemeDocument): Flow {
  const placeholders = placeholderPositions(doc);
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  for (const [id, node] of Object.entries(doc.nodes)) {
    const placed = ownValue(doc.layout, id);
    const placeholder = placeholders.get(id);
    const position = placed ?? placeholder!;
    const common = {
      id,
      position: { x: position.x, y: position.y },
    };
    const isStart = id === doc.start;
    const unplaced = placed === undefined ? { unplaced: { x: position.x, y: position.y } } : {};
    if (node.type === 'condition') {
      nodes.push({ ...common, type: 'condition', data: { node: bodyOf(node) as ConditionBody, isStart, ...unplaced } });
      if (node.then !== undefined) edges.push(branchEdge(id, 'yes', node.then));
      if (node.else !== undefined) edges.push(branchEdge(id, 'no', node.else));
    } else {
      nodes.push({ ...common, type: 'strategy', data: { node, isStart, ...unplaced } });
    }
  }
  return { nodes, edges };
}

function samePosition(a: XYPosition, b: XYPosition): boolean {
  return a.x === b.x && a.y === b.y;
}

/**
 * The document a flow shows. `base` supplies what the flow does not hold: `$schema`, format, name,
 * description, the start when no node is flagged, and layout entries of ids that are not nodes.
 *
 * - The kind of a node comes from `data.node.type` (the flow node's `type` only picks the component).
 * - A condition's then/else come only from edges; an edge whose source is not a condition, or whose
 *   handle is not yes/no, is ignored; of two edges on one handle the later one wins.
 * - The start is the first node flagged `isStart`, else `base.start`.
 * - `layout` gets every node's position, except a node still flagged `unplaced` that sits exactly on
 *   that placeholder (it was never placed). The result has a `layout` when `base` had one or when at
 *   least one entry is written, so a document without layout stays without it until a node is moved.
 */
export function fromFlow(flow: Flow, base: SchemeDocument): SchemeDocument {
  const branches = new Map<string, { then?: string; else?: string }>();
  for (const edge of flow.edges) {
    if (edge.sourceHandle !== 'yes' && edge.sourceHandle !== 'no') continue;
    const current = branches.get(edge.source) ?? {};
    branches.set(edge.source, edge.sourceHandle === 'yes' ? { ...current, then: edge.target } : { ...current, else: edge.target });
  }

  const nodes: [string, SchemeNode][] = [];
  const layout: [string, XYPosition][] = [];
  let start: string | undefined;
  for (const flowNode of flow.nodes) {
    const { id, data, position } = flowNode;
    nodes.push([id, withBranches(data.node, branches.get(id))]);
    if (data.isStart && start === undefined) start = id;
    if (data.unplaced === undefined || !samePosition(position, data.unplaced)) {
      layout.push([id, { x: position.x, y: position.y }]);
    }
  }
  const flowIds = new Set(flow.nodes.map((node) => node.id));
  for (const [id, position] of Object.entries(base.layout ?? {})) {
    if (!hasOwnKey(base.nodes, id) && !flowIds.has(id)) layout.push([id, position]);
  }

  return {
    ...(base.$schema !== undefined ? { $schema: base.$schema } : {}),
    format: base.format,
    name: base.name,
    ...(base.description !== undefined ? { description: base.description } : {}),
    start: start ?? base.start,
    nodes: Object.fromEntries(nodes),
    ...(base.layout !== undefined || layout.length > 0 ? { layout: Object.fromEntries(layout) } : {}),
  };
}

function withBranches(node: NodeBody, branches: { then?: string; else?: string } | undefined): SchemeNode {
  if (node.type !== 'condition') return node;
  const body = bodyOf(node as ConditionNode);
  if (branches === undefined) return body as ConditionNode;
  return {
    ...body,
    ...(branches.then !== undefined ? { then: branches.then } : {}),
    ...(branches.else !== undefined ? { else: branches.else } : {}),
  } as ConditionNode;
}
