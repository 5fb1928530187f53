'use client';

import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

/**
 * A bare React Flow canvas as React Flow's own quick start writes it (nodes and edges in state, their
 * changes applied), fitted to the view with the editor's zoom limits so both draw the same part of
 * the graph. Nothing else: default nodes, no minimap, no background.
 */
export function FlowBaseline({ nodes: initialNodes, edges: initialEdges }: { nodes: Node[]; edges: Edge[] }) {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, , onEdgesChange] = useEdgesState(initialEdges);
  return (
    <div data-testid="flow-baseline" style={{ height: 'calc(100vh - 120px)', minHeight: 400 }}>
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} minZoom={0.05} maxZoom={2} fitView fitViewOptions={{ padding: 0.15, maxZoom: 1 }} />
    </div>
  );
}
