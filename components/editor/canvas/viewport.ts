import type { Edge, Node, ReactFlowInstance } from '@xyflow/react';
import type { SchemeDocument } from '@/lib/scheme/schema';

/**
 * Above this many nodes a fitted scheme is too small to read and drawing every node costs seconds; the
 * editor then opens on the start node at a readable zoom and draws only the nodes in view (the minimap and
 * the Fit button still give the overview).
 */
export const LARGE_SCHEME_NODES = 150;
const START_ZOOM = 0.8;
/** Screen pixels between the top-left of the canvas and the start node when opening a large scheme. */
const START_MARGIN = 48;

// React Flow copies object props into its store: module constants, so a render does not redraw every edge.
export const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };
export const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };

export const isLargeScheme = (doc: SchemeDocument) => Object.keys(doc.nodes).length > LARGE_SCHEME_NODES;

/**
 * The whole scheme when it is small enough to read fitted (animated over `duration`); otherwise its
 * start node, near the top of the view, at once: a large scheme draws only the nodes in view, so an
 * animated pan would mount and draw every node it passes over, frame after frame.
 */
export function showScheme<N extends Node, E extends Edge>(flow: ReactFlowInstance<N, E>, doc: SchemeDocument, canvasWidth: number, duration = 0): void {
  if (!isLargeScheme(doc) || !showStartNode(flow, doc.start, canvasWidth)) void flow.fitView({ ...FIT_VIEW_OPTIONS, duration });
}

/** The start node near the top of the view, at a readable zoom; false when it is not on the canvas. */
export function showStartNode<N extends Node, E extends Edge>(flow: ReactFlowInstance<N, E>, startId: string, canvasWidth: number): boolean {
  const start = flow.getInternalNode(startId);
  if (!start) return false;
  const width = start.measured.width ?? 260;
  const x = canvasWidth / 2 - (start.internals.positionAbsolute.x + width / 2) * START_ZOOM;
  const y = START_MARGIN - start.internals.positionAbsolute.y * START_ZOOM;
  void flow.setViewport({ x, y, zoom: START_ZOOM });
  return true;
}
