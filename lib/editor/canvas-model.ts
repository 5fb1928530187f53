/**
 * The canvas as a pure function of the document and the view state: which React Flow nodes and edges
 * to draw, with stable identities. A derivation reuses the previous object of every node and edge
 * whose inputs did not change, so editing one node gives React Flow one new node object and the
 * others keep theirs (React Flow and the memoised node components then skip them).
 *
 * A batch run's heat map is not derived here: each drawn node and branch reads its own hits from the
 * store (canvas/use-heat.ts), so showing one hands React Flow no new objects for its 1,000 nodes.
 */
import type { Decision, NodeTrace, Problem } from '../engine/types';
import { placeholderPositions } from '../graph/placeholder';
import type { BranchHandle, ConditionBody, LayoutDirection, XYPosition } from '../graph';
import type { SchemeDocument, StrategyNode } from '../scheme/schema';

/** How a dry run touched a node: on its path, its leaf, or off it (dimmed). `null`: no dry run shown. */
export type TraceMark = 'path' | 'leaf' | 'off' | null;

export interface CanvasNodeData extends Record<string, unknown> {
  /** The scheme node itself (a condition without its branches is not needed: the component ignores them). */
  node: ConditionBody | StrategyNode;
  isStart: boolean;
  direction: LayoutDirection;
  errors: number;
  warnings: number;
  mark: TraceMark;
  /** The condition's per-rule trace, when the dry run passed through it. */
  nodeTrace: NodeTrace | null;
  /** The dry run's decision, on its leaf. */
  decision: Decision | null;
}

export type CanvasNodeType = 'condition' | StrategyNode['strategy'];

export interface CanvasNode {
  id: string;
  type: CanvasNodeType;
  position: XYPosition;
  data: CanvasNodeData;
  selected: boolean;
  measured?: { width: number; height: number };
}

export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle: BranchHandle;
  selected: boolean;
  className: string;
  data: { handle: BranchHandle };
}

export interface CanvasView {
  selection: readonly string[];
  edgeSelection: readonly string[];
  dragPositions: Readonly<Record<string, XYPosition>> | null;
  autoPositions: Readonly<Record<string, XYPosition>>;
  measured: Readonly<Record<string, { width: number; height: number }>>;
  direction: LayoutDirection;
  problems: readonly Problem[];
  trace: Decision | null;
}

/** The previous derivation's objects by id, to be reused when nothing about them changed. */
export interface CanvasCache {
  nodes: Map<string, CanvasNode>;
  edges: Map<string, CanvasEdge>;
}

export const emptyCanvasCache = (): CanvasCache => ({ nodes: new Map(), edges: new Map() });

export function deriveCanvas(doc: SchemeDocument, view: CanvasView, cache: CanvasCache): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const counts = problemCounts(view.problems);
  const trace = traceIndex(view.trace);
  const selected = new Set(view.selection);
  const selectedEdges = new Set(view.edgeSelection);
  let placeholders: Map<string, XYPosition> | undefined;

  const nodes: CanvasNode[] = [];
  const edges: CanvasEdge[] = [];
  const nextNodes = new Map<string, CanvasNode>();
  const nextEdges = new Map<string, CanvasEdge>();
  for (const [id, node] of Object.entries(doc.nodes)) {
    let position = view.dragPositions?.[id] ?? (Object.hasOwn(doc.layout ?? {}, id) ? doc.layout![id] : undefined) ?? view.autoPositions[id];
    if (position === undefined) {
      placeholders ??= placeholderPositions(doc);
      position = placeholders.get(id) ?? { x: 0, y: 0 };
    }
    const count = counts.get(id);
    const mark: TraceMark = trace === null ? null : trace.leaf === id ? 'leaf' : trace.path.has(id) ? 'path' : 'off';
    const nodeTrace = trace?.conditions.get(id) ?? null;
    const decision = mark === 'leaf' ? view.trace : null;
    const isStart = id === doc.start;
    const errors = count?.errors ?? 0;
    const warnings = count?.warnings ?? 0;
    const measured = view.measured[id];
    const isSelected = selected.has(id);
    const type: CanvasNodeType = node.type === 'condition' ? 'condition' : node.strategy;

    const previous = cache.nodes.get(id);
    const d = previous?.data;
    const reuse =
      previous !== undefined && d !== undefined &&
      d.node === node && previous.type === type && d.isStart === isStart && d.direction === view.direction &&
      d.errors === errors && d.warnings === warnings && d.mark === mark && d.nodeTrace === nodeTrace && d.decision === decision &&
      previous.position.x === position.x && previous.position.y === position.y &&
      previous.selected === isSelected && previous.measured === measured;
    const canvasNode: CanvasNode = reuse
      ? previous
      : {
          id,
          type,
          position: { x: position.x, y: position.y },
          // The data object is kept while only the position or selection changes, so the node's component can skip rendering.
          data:
            d !== undefined && d.node === node && d.isStart === isStart && d.direction === view.direction && d.errors === errors &&
            d.warnings === warnings && d.mark === mark && d.nodeTrace === nodeTrace && d.decision === decision
              ? d
              : { node, isStart, direction: view.direction, errors, warnings, mark, nodeTrace, decision },
          selected: isSelected,
          ...(measured ? { measured } : {}),
        };
    nodes.push(canvasNode);
    nextNodes.set(id, canvasNode);

    if (node.type !== 'condition') continue;
    for (const [handle, target] of [['yes', node.then], ['no', node.else]] as const) {
      // A branch to a node that does not exist is the checker's to report; the canvas cannot draw it.
      if (target === undefined || !Object.hasOwn(doc.nodes, target)) continue;
      const edgeId = `${id}:${handle}`;
      const taken = trace !== null && trace.taken.has(edgeId);
      const className = `edge-${handle}${trace === null ? '' : taken ? ' edge-taken' : ' edge-off'}`;
      const isEdgeSelected = selectedEdges.has(edgeId);
      const old = cache.edges.get(edgeId);
      const edge: CanvasEdge =
        old !== undefined && old.target === target && old.className === className && old.selected === isEdgeSelected
          ? old
          : { id: edgeId, source: id, target, sourceHandle: handle, selected: isEdgeSelected, className, data: { handle } };
      edges.push(edge);
      nextEdges.set(edgeId, edge);
    }
  }
  cache.nodes = nextNodes;
  cache.edges = nextEdges;
  return { nodes, edges };
}

function problemCounts(problems: readonly Problem[]): Map<string, { errors: number; warnings: number }> {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const problem of problems) {
    if (problem.node === undefined) continue;
    const count = counts.get(problem.node) ?? { errors: 0, warnings: 0 };
    if (problem.severity === 'error') count.errors++;
    else count.warnings++;
    counts.set(problem.node, count);
  }
  return counts;
}

interface TraceIndex {
  path: Set<string>;
  leaf: string | null;
  taken: Set<string>;
  conditions: Map<string, NodeTrace>;
}

// One index per decision object: the trace is immutable, so it is computed once.
const traceIndexes = new WeakMap<Decision, TraceIndex>();

function traceIndex(decision: Decision | null): TraceIndex | null {
  if (decision === null) return null;
  let index = traceIndexes.get(decision);
  if (index === undefined) {
    index = {
      path: new Set(decision.path.map((step) => step.node)),
      leaf: decision.node,
      taken: new Set(decision.path.map((step) => `${step.node}:${step.result ? 'yes' : 'no'}`)),
      conditions: new Map((decision.trace?.conditions ?? []).map((c) => [c.node, c])),
    };
    traceIndexes.set(decision, index);
  }
  return index;
}
