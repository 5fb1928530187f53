/**
 * Pure edit operations on a scheme document: what the editor dispatches. Each takes a document and
 * returns a new one (structurally shared, never mutated) or an explicit refusal with a reason. Every
 * operation keeps a schema-valid document schema-valid. Only connect adds a branch between existing
 * nodes, and it refuses a cycle; pasting brings only the branches inside the pasted fragment.
 */
import type { ConditionNode, SchemeDocument, SchemeNode } from '../scheme/schema';
import { firstRoot, isPosition, refuse, validateNode } from './edit-support';
import { bodyOf } from './body';
import { freshId, idPrefix, isValidNodeId, usedIds } from './ids';
import { hasOwnKey, ownValue } from './records';
import type { BranchHandle, EditResult, NodeBody, Refusal, XYPosition } from './types';

export { copyNodes, pasteNodes, parseFragment, FRAGMENT_FORMAT, type ClipboardFragment } from './clipboard';

function unknownNode(id: string): Refusal {
  return refuse('unknown_node', `There is no node "${id}".`);
}

function withNodes(doc: SchemeDocument, nodes: [string, SchemeNode][]): SchemeDocument {
  return { ...doc, nodes: Object.fromEntries(nodes) };
}

function branchKey(handle: BranchHandle): 'then' | 'else' {
  return handle === 'yes' ? 'then' : 'else';
}

/**
 * Adds a node under `id` (or a fresh `cond_<n>` / `strat_<n>`), at `position` when given (otherwise
 * it is unplaced and the editor lays it out). The node comes without branches (then/else in `node`
 * are ignored; branches are made with connect, which checks for cycles). The first node of an empty
 * scheme becomes its start.
 */
export function addNode(doc: SchemeDocument, node: SchemeNode | NodeBody, position?: XYPosition, id?: string): EditResult<{ id: string }> {
  const checked = validateNode(node);
  if (!checked.ok) return checked;
  const body = bodyOf(checked.node) as SchemeNode;
  if (id !== undefined && !isValidNodeId(id)) return refuse('invalid_id', `"${id}" is not a valid node id (letters, digits, _ . : -).`);
  if (id !== undefined && hasOwnKey(doc.nodes, id)) return refuse('duplicate_id', `A node "${id}" already exists.`);
  if (position !== undefined && !isPosition(position)) return refuse('invalid_position', 'A position needs finite x and y.');
  const newId = id ?? freshId(usedIds(doc), idPrefix(body.type));
  const isFirst = Object.keys(doc.nodes).length === 0;
  const next: SchemeDocument = {
    ...withNodes(doc, [...Object.entries(doc.nodes), [newId, body]]),
    ...(isFirst ? { start: newId } : {}),
  };
  if (position !== undefined) next.layout = { ...doc.layout, ...Object.fromEntries([[newId, { x: position.x, y: position.y }]]) };
  return { ok: true, doc: next, id: newId };
}

/**
 * Removes nodes, their layout entries and every branch pointing at them. When the start goes, the
 * first remaining node that nothing branches to (in document order) becomes the start; when no node
 * remains, the start is left as it is (an empty scheme does not compile anyway, and the next added
 * node becomes the start).
 */
export function removeNodes(doc: SchemeDocument, ids: readonly string[]): EditResult {
  const missing = ids.find((id) => !hasOwnKey(doc.nodes, id));
  if (missing !== undefined) return unknownNode(missing);
  const removed = new Set(ids);
  const remaining: [string, SchemeNode][] = [];
  for (const [id, node] of Object.entries(doc.nodes)) {
    if (removed.has(id)) continue;
    if (node.type !== 'condition') {
      remaining.push([id, node]);
      continue;
    }
    const cut = (target: string | undefined) => target !== undefined && removed.has(target);
    remaining.push([id, cut(node.then) || cut(node.else) ? withoutBranches(node, cut(node.then), cut(node.else)) : node]);
  }
  const start = removed.has(doc.start) ? (firstRoot(remaining) ?? doc.start) : doc.start;
  const next: SchemeDocument = { ...withNodes(doc, remaining), start };
  if (doc.layout !== undefined) next.layout = Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !removed.has(id)));
  return { ok: true, doc: next };
}

function withoutBranches(node: ConditionNode, dropThen: boolean, dropElse: boolean): ConditionNode {
  const { then, else: otherwise, ...body } = node;
  return {
    ...body,
    ...(then !== undefined && !dropThen ? { then } : {}),
    ...(otherwise !== undefined && !dropElse ? { else: otherwise } : {}),
  };
}

/**
 * The path target → … → source along branches, if there is one: then a branch source → target
 * would close a cycle. Breadth-first, so the reported cycle is a shortest one.
 */
function pathBetween(doc: SchemeDocument, from: string, to: string): string[] | undefined {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    if (id === to) {
      const path: string[] = [];
      for (let at: string | null | undefined = id; at != null; at = parent.get(at)) path.unshift(at);
      return path;
    }
    const node = ownValue(doc.nodes, id);
    if (node?.type !== 'condition') continue;
    for (const next of [node.then, node.else]) {
      if (next !== undefined && !parent.has(next)) {
        parent.set(next, id);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Points the `yes` (then) or `no` (else) branch of a condition at `target`, replacing what was there. */
export function connect(doc: SchemeDocument, source: string, handle: BranchHandle, target: string): EditResult {
  const node = ownValue(doc.nodes, source);
  if (node === undefined) return unknownNode(source);
  if (node.type !== 'condition') return refuse('not_a_condition', `"${source}" is a strategy; only conditions have yes / no branches.`);
  if (!hasOwnKey(doc.nodes, target)) return unknownNode(target);
  const cycle = pathBetween(doc, target, source);
  if (cycle !== undefined) {
    return refuse('cycle', `Connecting "${source}" ${handle} → "${target}" would make a loop: ${[source, ...cycle].join(' → ')}.`);
  }
  return replaceNode(doc, source, { ...node, [branchKey(handle)]: target });
}

/** Clears the `yes` or `no` branch of a condition (a no-op when it is already empty). */
export function disconnect(doc: SchemeDocument, source: string, handle: BranchHandle): EditResult {
  const node = ownValue(doc.nodes, source);
  if (node === undefined) return unknownNode(source);
  if (node.type !== 'condition') return refuse('not_a_condition', `"${source}" is a strategy; only conditions have yes / no branches.`);
  if (node[branchKey(handle)] === undefined) return { ok: true, doc };
  return replaceNode(doc, source, withoutBranches(node, handle === 'yes', handle === 'no'));
}

function replaceNode(doc: SchemeDocument, id: string, node: SchemeNode): EditResult {
  return { ok: true, doc: withNodes(doc, Object.entries(doc.nodes).map(([key, old]) => [key, key === id ? node : old])) };
}

/**
 * Replaces what a node holds (rules, label, strategy, processors, …). Branches are not part of it:
 * a condition keeps its branches (then/else in `node` are ignored; use connect / disconnect), and a
 * node that becomes a strategy loses them.
 */
export function updateNode(doc: SchemeDocument, id: string, node: NodeBody | SchemeNode): EditResult {
  const old = ownValue(doc.nodes, id);
  if (old === undefined) return unknownNode(id);
  const checked = validateNode(node);
  if (!checked.ok) return checked;
  const body = bodyOf(checked.node) as SchemeNode;
  if (body.type !== 'condition' || old.type !== 'condition') return replaceNode(doc, id, body);
  return replaceNode(doc, id, {
    ...body,
    ...(old.then !== undefined ? { then: old.then } : {}),
    ...(old.else !== undefined ? { else: old.else } : {}),
  });
}

/**
 * Gives a node a new id, rewriting the start, every branch naming it and its layout entry; the node
 * keeps its place in the document. A branch that named `newId` while no such node existed (a dangling
 * branch) now leads to the renamed node, which is how a typo in a branch gets fixed from the graph.
 */
export function renameNode(doc: SchemeDocument, oldId: string, newId: string): EditResult {
  if (!hasOwnKey(doc.nodes, oldId)) return unknownNode(oldId);
  if (newId === oldId) return { ok: true, doc };
  if (!isValidNodeId(newId)) return refuse('invalid_id', `"${newId}" is not a valid node id (letters, digits, _ . : -).`);
  if (hasOwnKey(doc.nodes, newId)) return refuse('duplicate_id', `A node "${newId}" already exists.`);
  const rename = (id: string) => (id === oldId ? newId : id);
  const nodes = Object.entries(doc.nodes).map(([id, node]): [string, SchemeNode] => {
    if (node.type !== 'condition') return [rename(id), node];
    const renamedThen = node.then !== undefined && node.then === oldId;
    const renamedElse = node.else !== undefined && node.else === oldId;
    if (!renamedThen && !renamedElse) return [rename(id), node];
    return [rename(id), { ...node, ...(renamedThen ? { then: newId } : {}), ...(renamedElse ? { else: newId } : {}) }];
  });
  const next: SchemeDocument = { ...withNodes(doc, nodes), start: rename(doc.start) };
  if (doc.layout !== undefined) {
    next.layout = Object.fromEntries(
      Object.entries(doc.layout).filter(([id]) => id !== newId).map(([id, position]) => [rename(id), position]),
    );
  }
  return { ok: true, doc: next };
}

/** Makes a node the start. */
export function setStart(doc: SchemeDocument, id: string): EditResult {
  if (!hasOwnKey(doc.nodes, id)) return unknownNode(id);
  return { ok: true, doc: { ...doc, start: id } };
}

/** Sets the layout position of the given nodes (e.g. after a drag, or the result of autoLayout). */
export function moveNodes(doc: SchemeDocument, positions: Readonly<Record<string, XYPosition>>): EditResult {
  const entries = Object.entries(positions);
  for (const [id, position] of entries) {
    if (!hasOwnKey(doc.nodes, id)) return unknownNode(id);
    if (!isPosition(position)) return refuse('invalid_position', `The position of "${id}" needs finite x and y.`);
  }
  const moved = Object.fromEntries(entries.map(([id, { x, y }]) => [id, { x, y }]));
  return { ok: true, doc: { ...doc, layout: { ...doc.layout, ...moved } } };
}

/** Renames the scheme itself (its `name`); the id of the scheme does not change. */
export function setSchemeName(doc: SchemeDocument, name: string): EditResult {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) return refuse('invalid_node', 'A scheme name is 1 to 200 characters.');
  if (trimmed === doc.name) return { ok: true, doc };
  return { ok: true, doc: { ...doc, name: trimmed } };
}
