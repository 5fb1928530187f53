'use client';

import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback } from 'react';
import { FIT_VIEW_OPTIONS, showStartNode } from '@/components/editor/canvas/viewport';

export interface BaselineView {
  /** The editor's choice for this scheme: open on the start node and draw only the nodes in view. */
  large: boolean;
  start: string;
  /** The editor's canvas size in the same browser window, so both show the same part of the graph. */
  width: number;
  height: number;
}

/**
 * A bare React Flow canvas as React Flow's own quick start writes it (nodes and edges in state, their
 * changes applied), with the editor's viewport: the same size, zoom limits and opening view, and the
 * same `onlyRenderVisibleElements`. Nothing else: default nodes, no minimap, no background.
 */
export function FlowBaseline({ nodes: initialNodes, edges: initialEdges, view }: { nodes: Node[]; edges: Edge[]; view: BaselineView }) {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, , onEdgesChange] = useEdgesState(initialEdges);
  const onInit = useCallback(
    (flow: ReactFlowInstance) => {
      if (view.large) showStartNode(flow, view.start, view.width);
    },
    [view],
  );
  return (
    <div data-testid="flow-baseline" style={{ width: view.width, height: view.height }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        minZoom={0.05}
        maxZoom={2}
        fitView={!view.large}
        fitViewOptions={FIT_VIEW_OPTIONS}
        onInit={onInit}
        onlyRenderVisibleElements={view.large}
      />
    </div>
  );
}
