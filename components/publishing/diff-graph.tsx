'use client';

import '@xyflow/react/dist/style.css';
import '@/components/editor/editor.css';
import './diff-graph.css';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { NODE_TYPES } from '@/components/editor/canvas/node-types';
import { useAutoPositions } from '@/components/editor/canvas/use-auto-positions';
import { useCanvasElements } from '@/components/editor/canvas/use-canvas-elements';
import { DEFAULT_EDGE_OPTIONS, FIT_VIEW_OPTIONS } from '@/components/editor/canvas/viewport';
import type { EditorInit } from '@/components/editor/store';
import { EditorStoreProvider, useEditor } from '@/components/editor/store-provider';
import type { CanvasEdge, CanvasNode } from '@/lib/editor/canvas-model';
import { isFullyPlaced } from '@/lib/graph';
import type { NodeStatus } from '@/lib/scheme/diff';


/**
 * The newer version as a read-only graph, drawn with the editor's own node components: added nodes
 * green, changed nodes amber (each with a tag), unchanged ones dimmed. Removed nodes are listed beside it.
 * The editor store is only there for the node components to read the account from; nothing edits it.
 */
export function DiffGraph({ init, statuses, removed }: { init: EditorInit; statuses: Readonly<Record<string, NodeStatus>>; removed: readonly string[] }) {
  return (
    <div className="sy-diff-graph-wrap">
      <EditorStoreProvider init={init}>
        <ReactFlowProvider>
          <Graph statuses={statuses} />
        </ReactFlowProvider>
      </EditorStoreProvider>
      <aside className="sy-diff-aside">
        <h3>On the graph</h3>
        <ul className="sy-diff-legend">
          <li><span className="sy-diff-swatch is-added" /> added</li>
          <li><span className="sy-diff-swatch is-changed" /> changed</li>
          <li><span className="sy-diff-swatch is-unchanged" /> unchanged</li>
        </ul>
        <h3>Removed (only in the older version)</h3>
        {removed.length === 0 ? (
          <p className="muted">none</p>
        ) : (
          <ul data-testid="diff-graph-removed">
            {removed.map((id) => (
              <li key={id}>
                <code className="sy-diff-removed">{id}</code>
              </li>
            ))}
          </ul>
        )}
      </aside>
    </div>
  );
}

function Graph({ statuses }: { statuses: Readonly<Record<string, NodeStatus>> }) {
  const canvas = useCanvasElements();
  const placed = useEditor((s) => isFullyPlaced(s.history.present));
  const autoPlaced = useEditor((s) => Object.keys(s.autoPositions).length);
  useAutoPositions();
  const nodes = useMemo(
    () => canvas.nodes.map((node): CanvasNode & { className: string } => ({ ...node, className: `diff-${statuses[node.id] ?? 'unchanged'}` })),
    [canvas.nodes, statuses],
  );
  const edges = canvas.edges;
  return (
    <div className="sy-diff-graph" data-testid="diff-graph">
      <ReactFlow<CanvasNode, CanvasEdge>
        // Remounted once the auto layout answers, so the view fits the final positions.
        key={placed ? 'placed' : autoPlaced}
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesReconnectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.05}
        maxZoom={2}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      >
        <Background gap={24} size={1.2} color="#d4d8e0" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
