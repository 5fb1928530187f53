'use client';

import {
  MiniMap,
  useNodesInitialized,
  useReactFlow,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { addNode, connectOperation, moveOperation, planEdgeChanges, planNodeChanges, reconnectOperation, removeOperation, type EditResult } from '@/lib/graph';
import { isPaletteItem, nodeTemplate } from '@/lib/editor/node-templates';
import type { CanvasEdge, CanvasNode } from '@/lib/editor/canvas-model';
import { useEditor, useEditorStore } from '../store-provider';
import { useCanvasElements } from './use-canvas-elements';
import { PALETTE_MIME } from './palette';
import { SchemeFlow } from './scheme-flow';
import { isLargeScheme, showScheme } from './viewport';
import { useAutoPositions } from './use-auto-positions';
import { useHandlesFollowDirection } from './use-handles-follow-direction';
import { useRoomForGrowth } from './use-room-for-growth';

// Object and array props are module constants: React Flow copies them into its store, and a new
// object on every render (e.g. defaultEdgeOptions) makes all 1,000 edges of a large scheme re-render.
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];
const MINIMAP_STYLE = { width: 140, height: 90, opacity: 0.9 };

const miniMapColour = (node: { type?: string }) => (node.type === 'condition' ? '#6366f1' : node.type === 'blank' ? '#dc2626' : '#059669');

/** The graph view of the document. Every change React Flow reports goes through lib/graph/changes. */
export function FlowCanvas() {
  const store = useEditorStore();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const { nodes, edges } = useCanvasElements();
  const refusal = useRef<string | null>(null);
  const flowStore = useStoreApi<CanvasNode, CanvasEdge>();
  // Decided once when the editor opens: a large scheme opens on its start node, before its nodes are measured.
  const [opensLarge] = useState(() => isLargeScheme(store.getState().history.present));
  const canvasSize = useCallback(() => ({ width: flowStore.getState().width, height: flowStore.getState().height, minimap: store.getState().minimap }), [flowStore, store]);
  // A large scheme draws only the nodes in view; a small one draws them all (cheap, and always there to find).
  const large = useEditor((s) => isLargeScheme(s.history.present));
  const readOnly = useEditor((s) => s.readOnly);
  const minimap = useEditor((s) => s.minimap);
  const onInit = useCallback(() => {
    if (opensLarge) showScheme(flow, store.getState().history.present, canvasSize());
  }, [opensLarge, flow, store, canvasSize]);

  const apply = useCallback((result: EditResult, at?: { x: number; y: number }) => {
    if (!result.ok && at) store.getState().showHint({ message: result.reason, ...at });
    return result;
  }, [store]);

  const roomForGrowth = useRoomForGrowth();
  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const state = store.getState();
    const plan = planNodeChanges(changes, { selection: state.selection, drag: state.dragPositions });
    if (plan.measured) {
      roomForGrowth(plan.measured);
      state.setMeasured(plan.measured);
    }
    if (plan.selection) state.select(plan.selection);
    if (plan.drag) state.setDragPositions(plan.drag);
    if (plan.moved) {
      state.edit(moveOperation(plan.moved));
      state.setDragPositions(null);
    }
    if (plan.removed) state.edit(removeOperation(plan.removed, []));
  }, [store, roomForGrowth]);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    const state = store.getState();
    const plan = planEdgeChanges(changes, state.edgeSelection);
    if (plan.selection) state.selectEdges(plan.selection);
    if (plan.removed) state.edit(removeOperation([], plan.removed));
  }, [store]);

  const onConnect = useCallback((connection: Connection) => {
    const result = store.getState().edit(connectOperation(connection));
    refusal.current = result.ok ? null : result.reason;
  }, [store]);

  const onReconnect = useCallback((oldEdge: CanvasEdge, connection: Connection) => {
    const result = store.getState().edit(reconnectOperation(oldEdge.id, connection));
    refusal.current = result.ok ? null : result.reason;
  }, [store]);

  // The refusal (a cycle) is shown where the pointer let go.
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, _state: FinalConnectionState) => {
    const reason = refusal.current;
    refusal.current = null;
    if (reason === null) return;
    const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
    store.getState().showHint({ message: reason, x: point.clientX, y: point.clientY });
  }, [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const item = event.dataTransfer.getData(PALETTE_MIME);
    if (!isPaletteItem(item)) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    let added = '';
    const result = store.getState().edit((doc) => {
      const r = addNode(doc, nodeTemplate(item), { x: Math.round(position.x), y: Math.round(position.y) });
      if (r.ok) added = r.id;
      return r;
    });
    if (result.ok) store.getState().select([added]);
    else apply(result, { x: event.clientX, y: event.clientY });
  }, [flow, store, apply]);

  const showFirst = useCallback(() => showScheme(flow, store.getState().history.present, canvasSize()), [flow, store, canvasSize]);
  useAutoPositions(showFirst);
  useShowOnceMeasured(opensLarge ? undefined : showFirst);
  useHandlesFollowDirection();
  useFocusRequests();

  return (
    <div className="sy-canvas" data-testid="canvas">
      <SchemeFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onReconnect={onReconnect}
        onConnectEnd={onConnectEnd}
        onDragOver={onDragOver}
        onDrop={onDrop}
        edgesReconnectable={!readOnly}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        selectionKeyCode="Shift"
        onInit={onInit}
        onlyRenderVisibleElements={large}
        // Zoom buttons live in the toolbar: floating controls would sit on top of nodes.
        controls={false}
      >
        {minimap && <MiniMap pannable zoomable nodeColor={miniMapColour} ariaLabel="Overview of the scheme" style={MINIMAP_STYLE} />}
      </SchemeFlow>
      <ConnectionHint />
    </div>
  );
}

/**
 * Once every node has its size, shows the scheme: whole when that is readable, else from its start
 * node (sizes are needed to know which).
 */
function useShowOnceMeasured(show: (() => void) | undefined) {
  const measured = useNodesInitialized();
  const shown = useRef(false);
  useEffect(() => {
    if (!measured || shown.current || !show) return;
    shown.current = true;
    show();
  }, [measured, show]);
}

/** Centres the canvas on a node when something asks for it (a problem clicked, a dry-run step). */
function useFocusRequests() {
  const focus = useEditor((s) => s.focus);
  const flow = useReactFlow();
  useEffect(() => {
    if (!focus?.node) return;
    const node = flow.getInternalNode(focus.node);
    if (!node) return;
    const width = node.measured.width ?? 260;
    const height = node.measured.height ?? 100;
    void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 300 });
  }, [focus, flow]);
}

/** The reason a connection was refused, next to the pointer, for a few seconds. */
function ConnectionHint() {
  const hint = useEditor((s) => s.hint);
  const store = useEditorStore();
  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(() => store.getState().showHint(null), 8000);
    return () => clearTimeout(timer);
  }, [hint, store]);
  if (!hint) return null;
  return (
    <div className="sy-hint" role="alert" data-testid="connection-hint" style={{ left: hint.x + 12, top: hint.y + 12 }}>
      {hint.message}
    </div>
  );
}
