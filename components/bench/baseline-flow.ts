import type { Edge, Node } from '@xyflow/react';
import { toFlow } from '@/lib/graph';
import type { SchemeDocument } from '@/lib/scheme/schema';

/**
 * The editor benchmark's baseline: the scheme's nodes and edges as React Flow's own default nodes
 * (label = node id) at the same positions, with no custom node types, handles ids or styling — what
 * a bare React Flow page costs for the same graph.
 */
export function baselineFlow(doc: SchemeDocument): { nodes: Node[]; edges: Edge[] } {
  const flow = toFlow(doc);
  return {
    nodes: flow.nodes.map(({ id, position }) => ({ id, position, data: { label: id } })),
    // Default nodes have one unnamed source handle, so the edges leave it without a handle id.
    edges: flow.edges.map(({ id, source, target }) => ({ id, source, target })),
  };
}
