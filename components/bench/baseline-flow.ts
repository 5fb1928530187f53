import type { Edge, Node } from '@xyflow/react';
import { deriveCanvas, emptyCanvasCache } from '@/lib/editor/canvas-model';
import { NODE_SIZE } from '@/lib/graph';
import type { SchemeDocument } from '@/lib/scheme/schema';

const NO_VIEW = { selection: [], edgeSelection: [], dragPositions: null, autoPositions: {}, measured: {}, direction: 'down', problems: [], trace: null } as const;

/**
 * The editor benchmark's baseline: the nodes and edges the editor's canvas derives from the scheme,
 * as React Flow's own default nodes (label = node id) of the editor's node sizes at the same positions,
 * with no custom node types, handle ids or styling — what a bare React Flow page costs for the graph.
 */
export function baselineFlow(doc: SchemeDocument): { nodes: Node[]; edges: Edge[] } {
  const canvas = deriveCanvas(doc, NO_VIEW, emptyCanvasCache());
  return {
    nodes: canvas.nodes.map(({ id, type, position }) => {
      const size = type === 'condition' ? NODE_SIZE.condition : NODE_SIZE.strategy;
      return { id, position, data: { label: id }, style: { width: size.width, height: size.height } };
    }),
    // Default nodes have one unnamed source handle, so the edges leave it without a handle id.
    edges: canvas.edges.map(({ id, source, target }) => ({ id, source, target })),
  };
}
