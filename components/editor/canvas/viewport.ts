import type { Edge, Node, ReactFlowInstance } from '@xyflow/react';
import { FIT_MARGIN, fitsReadably, READABLE_ZOOM } from '@/lib/editor/fit';
import type { SchemeDocument } from '@/lib/scheme/schema';

/**
 * Above this many nodes drawing every node costs seconds: the editor draws only the nodes in view (the
 * minimap and the Fit button still give the overview).
 */
export const LARGE_SCHEME_NODES = 150;
const START_ZOOM = 0.8;
/** Screen pixels between the top of the canvas and the start node when opening on it. */
const START_MARGIN = 48;

const px = (n: number) => `${n}px` as const;
const FIT_PADDING = { top: px(FIT_MARGIN.top), right: px(FIT_MARGIN.right), bottom: px(FIT_MARGIN.bottom), left: px(FIT_MARGIN.left) };

// React Flow copies object props into its store: module constants, so a render does not redraw every edge.
export const FIT_VIEW_OPTIONS = { padding: FIT_PADDING, maxZoom: 1, minZoom: READABLE_ZOOM };
export const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };

export const isLargeScheme = (doc: SchemeDocument) => Object.keys(doc.nodes).length > LARGE_SCHEME_NODES;

/**
 * The whole scheme, fitted (animated over `duration`), when it can be read that way; otherwise its
 * start node near the top of the view, at a readable zoom, at once (a large scheme draws only the nodes
 * in view, so an animated pan would mount and draw every node it passes over).
 */
export function showScheme<N extends Node, E extends Edge>(flow: ReactFlowInstance<N, E>, doc: SchemeDocument, canvas: { width: number; height: number }, duration = 0): void {
  const start = flow.getInternalNode(doc.start);
  const readable = !isLargeScheme(doc) && fitsReadably(flow.getNodesBounds(flow.getNodes()), canvas.width, canvas.height);
  if (readable || !start) {
    void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: readable ? duration : 0 });
    return;
  }
  const width = start.measured.width ?? 260;
  const x = canvas.width / 2 - (start.internals.positionAbsolute.x + width / 2) * START_ZOOM;
  const y = START_MARGIN - start.internals.positionAbsolute.y * START_ZOOM;
  void flow.setViewport({ x, y, zoom: START_ZOOM });
}
