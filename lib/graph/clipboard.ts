/**
 * Copy and paste of nodes. A fragment is plain JSON (it can travel through the system clipboard, also
 * between schemes), so pasting checks it like any other input.
 */
import { NodeIdSchema, PositionSchema, type ConditionNode, type SchemeDocument, type SchemeNode } from '../scheme/schema';
import { copyId, usedIds } from './ids';
import { firstRoot, isPosition, refuse, validateNode } from './edit-support';
import { hasOwnKey, ownValue } from './records';
import type { EditResult, Refusal, XYPosition } from './types';

export const FRAGMENT_FORMAT = 'switchyard.fragment/v1';

export interface ClipboardFragment {
  format: typeof FRAGMENT_FORMAT;
  /** The copied nodes; branches only between copied nodes. */
  nodes: Record<string, SchemeNode>;
  /** Positions of the copied nodes that had one. */
  layout: Record<string, XYPosition>;
}

/**
 * The given nodes (unknown ids are skipped) in document order, with their positions. Branches to
 * nodes outside the selection are dropped, so the fragment holds only its internal edges.
 */
export function copyNodes(doc: SchemeDocument, ids: readonly string[]): ClipboardFragment {
  const selected = new Set(ids);
  const nodes: [string, SchemeNode][] = [];
  const layout: [string, XYPosition][] = [];
  for (const [id, node] of Object.entries(doc.nodes)) {
    if (!selected.has(id)) continue;
    nodes.push([id, keepBranches(node, (target) => selected.has(target) && hasOwnKey(doc.nodes, target), (target) => target)]);
    const position = ownValue(doc.layout, id);
    if (position !== undefined) layout.push([id, { x: position.x, y: position.y }]);
  }
  return { format: FRAGMENT_FORMAT, nodes: Object.fromEntries(nodes), layout: Object.fromEntries(layout) };
}

/** A condition's branches filtered by `keep` and renamed by `rename`; strategies unchanged. */
function keepBranches(node: SchemeNode, keep: (target: string) => boolean, rename: (target: string) => string): SchemeNode {
  if (node.type !== 'condition') return node;
  const { then, else: otherwise, ...body } = node;
  const result: ConditionNode = { ...body };
  if (then !== undefined && keep(then)) result.then = rename(then);
  if (otherwise !== undefined && keep(otherwise)) result.else = rename(otherwise);
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks clipboard content (parsed JSON) and returns it as a fragment, or says what is wrong.
 * Checked entry by entry rather than with a zod record, which would drop an id such as "__proto__".
 */
export function parseFragment(input: unknown): { ok: true; fragment: ClipboardFragment } | Refusal {
  const invalid = (reason: string) => refuse('invalid_fragment', reason);
  if (!isRecord(input) || input.format !== FRAGMENT_FORMAT) return invalid(`Not a ${FRAGMENT_FORMAT} fragment.`);
  if (!isRecord(input.nodes)) return invalid('The fragment has no nodes.');
  const layoutInput = input.layout ?? {};
  if (!isRecord(layoutInput)) return invalid('The fragment layout is not an object.');
  const nodes: [string, SchemeNode][] = [];
  for (const [id, node] of Object.entries(input.nodes)) {
    if (!NodeIdSchema.safeParse(id).success) return invalid(`"${id}" is not a valid node id.`);
    const checked = validateNode(node);
    if (!checked.ok) return invalid(`Node "${id}": ${checked.reason}`);
    nodes.push([id, checked.node]);
  }
  const layout: [string, XYPosition][] = [];
  for (const [id, position] of Object.entries(layoutInput)) {
    const checked = PositionSchema.safeParse(position);
    if (!hasOwnKey(input.nodes, id) || !checked.success) return invalid(`The position of "${id}" is not valid.`);
    layout.push([id, checked.data]);
  }
  return { ok: true, fragment: { format: FRAGMENT_FORMAT, nodes: Object.fromEntries(nodes), layout: Object.fromEntries(layout) } };
}

/**
 * Adds the fragment's nodes under fresh ids (an id is kept when the document does not use it, else it
 * becomes `<id>_2`, `<id>_3`, …), keeps the branches between them, drops branches to anything outside
 * the fragment, and shifts their positions by `offset` (nodes without one stay unplaced). Into an
 * empty scheme, the first pasted node nothing branches to becomes the start. Returns the new ids in
 * fragment order.
 */
export function pasteNodes(doc: SchemeDocument, fragment: ClipboardFragment, offset: XYPosition = { x: 40, y: 40 }): EditResult<{ ids: string[] }> {
  const parsed = parseFragment(fragment);
  if (!parsed.ok) return parsed;
  if (!isPosition(offset)) return refuse('invalid_position', 'The paste offset needs finite x and y.');
  const entries = Object.entries(parsed.fragment.nodes);
  const used = usedIds(doc);
  const idMap = new Map<string, string>();
  for (const [id] of entries) {
    const newId = copyId(used, id);
    used.add(newId);
    idMap.set(id, newId);
  }
  const pasted = entries.map(([id, node]): [string, SchemeNode] => [
    idMap.get(id)!,
    keepBranches(node, (target) => idMap.has(target), (target) => idMap.get(target)!),
  ]);
  const moved: [string, XYPosition][] = [];
  for (const [id, position] of Object.entries(parsed.fragment.layout)) {
    const shifted = { x: position.x + offset.x, y: position.y + offset.y };
    if (isPosition(shifted)) moved.push([idMap.get(id)!, shifted]);
  }
  const wasEmpty = Object.keys(doc.nodes).length === 0;
  const next: SchemeDocument = {
    ...doc,
    ...(wasEmpty && pasted.length > 0 ? { start: firstRoot(pasted)! } : {}),
    nodes: Object.fromEntries([...Object.entries(doc.nodes), ...pasted]),
  };
  if (moved.length > 0) next.layout = { ...doc.layout, ...Object.fromEntries(moved) };
  return { ok: true, doc: next, ids: pasted.map(([id]) => id) };
}
