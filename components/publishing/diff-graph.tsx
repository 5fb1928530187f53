'use client';

import '@xyflow/react/dist/style.css';
import '@/components/editor/editor.css';
import './diff-graph.css';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { SchemeFlow } from '@/components/editor/canvas/scheme-flow';
import { useAutoPositions } from '@/components/editor/canvas/use-auto-positions';
import { useCanvasElements } from '@/components/editor/canvas/use-canvas-elements';
import type { EditorInit } from '@/components/editor/store';
import { EditorStoreProvider, useEditor } from '@/components/editor/store-provider';
import type { CanvasNode } from '@/lib/editor/canvas-model';
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
      <SchemeFlow
        // Remounted once the auto layout answers, so the view fits the final positions.
        key={placed ? 'placed' : autoPlaced}
        nodes={nodes}
        edges={edges}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesReconnectable={false}
        fitView
      />
    </div>
  );
}
