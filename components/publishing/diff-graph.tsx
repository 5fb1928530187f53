'use client';

import '@xyflow/react/dist/style.css';
import '@/components/editor/editor.css';
import './diff-graph.css';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { NODE_TYPES } from '@/components/editor/canvas/node-types';
import type { EditorInit } from '@/components/editor/store';
import { EditorStoreProvider, useEditor } from '@/components/editor/store-provider';
import { deriveCanvas, emptyCanvasCache, type CanvasEdge, type CanvasNode } from '@/lib/editor/canvas-model';
import { autoLayout, isFullyPlaced, type XYPosition } from '@/lib/graph';
import type { NodeStatus } from '@/lib/scheme/diff';

const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };
const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };

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
  const doc = useEditor((s) => s.history.present);
  const direction = useEditor((s) => s.direction);
  const [autoPositions, setAutoPositions] = useState<Readonly<Record<string, XYPosition>>>({});
  const placed = isFullyPlaced(doc);
  // Nodes the version does not place go where the auto layout puts them, as in the editor.
  useEffect(() => {
    if (placed) return;
    let current = true;
    void autoLayout(doc, { direction }).then((positions) => {
      if (current) setAutoPositions(positions);
    });
    return () => {
      current = false;
    };
  }, [doc, placed, direction]);
  const { nodes, edges } = useMemo(() => {
    const canvas = deriveCanvas(
      doc,
      { selection: [], edgeSelection: [], dragPositions: null, autoPositions, measured: {}, direction, problems: [], trace: null },
      emptyCanvasCache(),
    );
    const marked: (CanvasNode & { className: string })[] = canvas.nodes.map((node) => ({ ...node, className: `diff-${statuses[node.id] ?? 'unchanged'}` }));
    return { nodes: marked, edges: canvas.edges };
  }, [doc, autoPositions, direction, statuses]);
  return (
    <div className="sy-diff-graph" data-testid="diff-graph">
      <ReactFlow<CanvasNode, CanvasEdge>
        // Remounted once the auto layout answers, so the view fits the final positions.
        key={placed ? 'placed' : Object.keys(autoPositions).length}
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
