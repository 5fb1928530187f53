/**
 * The one write path from the canvas: React Flow's node / edge changes and connections become
 * lib/graph operations (or view-state updates) here, and nothing else edits the document. Pure.
 */
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type { SchemeDocument } from '../scheme/schema';
import { refuse } from './edit-support';
import { connect, disconnect, moveNodes, removeNodes } from './operations';
import { BRANCH_HANDLES, type BranchHandle, type EditResult, type XYPosition } from './types';

/** An edit of the document: one undo step when it succeeds. */
export type Operation = (doc: SchemeDocument) => EditResult;

/** What a batch of node changes asks for. Absent fields: nothing of that kind happened. */
export interface NodeChangePlan {
  /** The node selection after the changes. */
  selection?: string[];
  /** Positions while a drag is under way (view state). */
  drag?: Record<string, XYPosition>;
  /** The drag stopped: these positions go into the document (one moveNodes). */
  moved?: Record<string, XYPosition>;
  /** Nodes to remove. */
  removed?: string[];
  /** Sizes the canvas measured. */
  measured?: Record<string, { width: number; height: number }>;
}

/**
 * Reads a batch of React Flow node changes. `current` is the view state they apply to: the present
 * selection and the positions of a drag under way (a drag's last change may come without a position).
 */
export function planNodeChanges(
  changes: readonly NodeChange[],
  current: { selection: readonly string[]; drag: Readonly<Record<string, XYPosition>> | null },
): NodeChangePlan {
  const plan: NodeChangePlan = {};
  let selection: Set<string> | undefined;
  for (const change of changes) {
    switch (change.type) {
      case 'select':
        selection ??= new Set(current.selection);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
        break;
      case 'position': {
        const position = change.position ?? current.drag?.[change.id];
        if (position === undefined) break;
        if (change.dragging) (plan.drag ??= { ...current.drag })[change.id] = { x: position.x, y: position.y };
        else (plan.moved ??= {})[change.id] = { x: position.x, y: position.y };
        break;
      }
      case 'remove':
        (plan.removed ??= []).push(change.id);
        break;
      case 'dimensions':
        if (change.dimensions) (plan.measured ??= {})[change.id] = { width: change.dimensions.width, height: change.dimensions.height };
        break;
      default:
        // 'add' and 'replace' never come from user interaction: nodes are added through operations.
        break;
    }
  }
  if (selection) plan.selection = [...selection];
  return plan;
}

/** What a batch of edge changes asks for. */
export interface EdgeChangePlan {
  selection?: string[];
  /** Edge ids to remove. */
  removed?: string[];
}

export function planEdgeChanges(changes: readonly EdgeChange[], currentSelection: readonly string[]): EdgeChangePlan {
  const plan: EdgeChangePlan = {};
  let selection: Set<string> | undefined;
  for (const change of changes) {
    if (change.type === 'select') {
      selection ??= new Set(currentSelection);
      if (change.selected) selection.add(change.id);
      else selection.delete(change.id);
    } else if (change.type === 'remove') {
      (plan.removed ??= []).push(change.id);
    }
  }
  if (selection) plan.selection = [...selection];
  return plan;
}

/** The branch an edge id names (`<source>:<yes|no>`; node ids may contain ':' themselves). */
export function parseEdgeId(id: string): { source: string; handle: BranchHandle } | undefined {
  const at = id.lastIndexOf(':');
  if (at <= 0) return undefined;
  const handle = id.slice(at + 1);
  return (BRANCH_HANDLES as readonly string[]).includes(handle) ? { source: id.slice(0, at), handle: handle as BranchHandle } : undefined;
}

function asHandle(handle: string | null | undefined): BranchHandle | undefined {
  return (BRANCH_HANDLES as readonly string[]).includes(handle ?? '') ? (handle as BranchHandle) : undefined;
}

/** Runs operations one after the other as one edit: all succeed, or the first refusal is the answer. */
export function chain(...operations: Operation[]): Operation {
  return (doc) => {
    let current = doc;
    for (const operation of operations) {
      const result = operation(current);
      if (!result.ok) return result;
      current = result.doc;
    }
    return { ok: true, doc: current };
  };
}

/**
 * A new connection: the source's yes / no branch now leads to the target, replacing the edge that
 * handle had. A cycle (or any other refusal of connect) comes back with its reason.
 */
export function connectOperation(connection: Connection): Operation {
  const handle = asHandle(connection.sourceHandle);
  if (handle === undefined) return () => refuse('not_a_condition', 'Branches start from the yes or no handle of a condition.');
  return (doc) => connect(doc, connection.source, handle, connection.target);
}

/**
 * An existing edge dragged to a new end: the old branch is cleared (when the edge left from another
 * handle) and the new one made, in one step.
 */
export function reconnectOperation(oldEdgeId: string, connection: Connection): Operation {
  const old = parseEdgeId(oldEdgeId);
  const handle = asHandle(connection.sourceHandle);
  if (old === undefined || handle === undefined) return () => refuse('not_a_condition', 'Branches start from the yes or no handle of a condition.');
  const sameBranch = old.source === connection.source && old.handle === handle;
  const make = connectOperation(connection);
  return sameBranch ? make : chain((doc) => disconnect(doc, old.source, old.handle), make);
}

/** Removes nodes and edges in one step (edges of removed nodes go with them). */
export function removeOperation(nodeIds: readonly string[], edgeIds: readonly string[]): Operation {
  const nodes = new Set(nodeIds);
  const branches = edgeIds.map(parseEdgeId).filter((b): b is NonNullable<typeof b> => b !== undefined && !nodes.has(b.source));
  return chain(
    ...branches.map((b): Operation => (doc) => disconnect(doc, b.source, b.handle)),
    ...(nodes.size > 0 ? [(doc: SchemeDocument) => removeNodes(doc, [...nodes])] : []),
  );
}

/** Positions set by hand (a finished drag) or by the auto layout. */
export function moveOperation(positions: Readonly<Record<string, XYPosition>>): Operation {
  return (doc) => moveNodes(doc, positions);
}
