import type { Edge, Node, ReactFlowInstance } from '@xyflow/react';
import { fitMargin, fitsReadably, READABLE_ZOOM } from '@/lib/editor/fit';
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
const fitOptions = (minimap: boolean) => {
  const m = fitMargin(minimap);
  return { padding: { top: px(m.top), right: px(m.right), bottom: px(m.bottom), left: px(m.left) }, maxZoom: 1, minZoom: READABLE_ZOOM };
};

// React Flow copies object props into its store: module constants, so a render does not redraw every edge.
export const FIT_VIEW_OPTIONS = fitOptions(false);
export const FIT_VIEW_OPTIONS_WITH_MINIMAP = fitOptions(true);
/** Every edge is a branch (canvas/branch-edge.tsx: smooth-step, with the heat map's width and count). */
export const DEFAULT_EDGE_OPTIONS = { type: 'branch' };

export const isLargeScheme = (doc: SchemeDocument) => Object.keys(doc.nodes).length > LARGE_SCHEME_NODES;

/**
 * The whole scheme, fitted (animated over `duration`), when it can be read that way; otherwise its
 * start node near the top of the view, at a readable zoom, at once (a large scheme draws only the nodes
 * in view, so an animated pan would mount and draw every node it passes over).
 */
export function showScheme<N extends Node, E extends Edge>(flow: ReactFlowInstance<N, E>, doc: SchemeDocument, canvas: { width: number; height: number; minimap: boolean }, duration = 0): void {
  const readable = !isLargeScheme(doc) && fitsReadably(flow.getNodesBounds(flow.getNodes()), canvas.width, canvas.height, canvas.minimap);
  if (readable || !showStartNode(flow, doc.start, canvas.width)) {
    void flow.fitView({ ...(canvas.minimap ? FIT_VIEW_OPTIONS_WITH_MINIMAP : FIT_VIEW_OPTIONS), duration: readable ? duration : 0 });
  }
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
