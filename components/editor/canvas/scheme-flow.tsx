'use client';

import { Background, Controls, ReactFlow, type ReactFlowProps } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from '@/lib/editor/canvas-model';
import { BranchEdge } from './branch-edge';
import { NODE_TYPES } from './node-types';
import { DEFAULT_EDGE_OPTIONS, FIT_VIEW_OPTIONS } from './viewport';

const EDGE_TYPES = { branch: BranchEdge };

/**
 * React Flow as every scheme graph draws it (the editor's canvas, the versions diff): the node registry,
 * zoom range, fit and edge options, the dotted background and the zoom controls. Callers add what is
 * theirs (editing handlers, a minimap, read-only flags).
 */
export function SchemeFlow({ children, controls = true, ...props }: ReactFlowProps<CanvasNode, CanvasEdge> & { controls?: boolean }) {
  return (
    <ReactFlow<CanvasNode, CanvasEdge>
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      deleteKeyCode={null}
      minZoom={0.05}
      maxZoom={2}
      fitViewOptions={FIT_VIEW_OPTIONS}
      defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      {...props}
    >
      <Background gap={24} size={1.2} color="#d4d8e0" />
      {controls && <Controls showInteractive={false} />}
      {children}
    </ReactFlow>
  );
}
