import type { Problem } from '../types';
import { error } from './problems';

/** The branch structure of a document, read shallowly so it works on drafts that fail the schema. */
export interface GraphView {
  start?: string;
  /** Node id → its branches, in document order. */
  nodes: Map<string, ViewNode>;
}

/** A branch is a node id, `null` when present but not a string (the schema reports that), or absent. */
interface ViewNode {
  condition: boolean;
  then?: string | null;
  else?: string | null;
  ruleCount?: number;
}

type Branch = 'then' | 'else';
const BRANCHES: readonly Branch[] = ['then', 'else'];

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function graphView(raw: unknown): GraphView {
  const view: GraphView = { nodes: new Map() };
  if (!isRecord(raw)) return view;
  if (typeof raw.start === 'string') view.start = raw.start;
  if (!isRecord(raw.nodes)) return view;
  for (const [id, node] of Object.entries(raw.nodes)) {
    if (!isRecord(node)) {
      view.nodes.set(id, { condition: false });
      continue;
    }
    const entry: ViewNode = { condition: node.type === 'condition' };
    for (const branch of BRANCHES) {
      const target = node[branch];
      if (target !== undefined) entry[branch] = typeof target === 'string' ? target : null;
    }
    if (Array.isArray(node.rules)) entry.ruleCount = node.rules.length;
    view.nodes.set(id, entry);
  }
  return view;
}

export interface GraphResult {
  problems: Problem[];
  /** Nodes reachable from start, in an order where every node follows all its reachable predecessors; absent when there is a cycle or no valid start. */
  order?: string[];
}

/** Start, dangling and missing branches, cycles (each named), unreachable nodes. */
export function checkGraph(view: GraphView): GraphResult {
  const problems: Problem[] = [];
  const { nodes } = view;
  const startValid = view.start !== undefined && nodes.has(view.start);
  if (view.start !== undefined && !startValid) {
    problems.push(error('unknown_start', `start names "${view.start}", which is not a node.`, ['start']));
  }
  for (const [id, node] of nodes) {
    if (!node.condition) continue;
    if (node.ruleCount === 0) {
      problems.push(error('condition_without_rules', `Condition "${id}" has no rules.`, ['nodes', id, 'rules']));
    }
    for (const branch of BRANCHES) {
      const target = node[branch];
      if (target === undefined) {
        const name = branch === 'then' ? 'yes (then)' : 'no (else)';
        problems.push(error('missing_branch', `Condition "${id}" has no ${name} branch.`, ['nodes', id, branch]));
      } else if (target !== null && !nodes.has(target)) {
        problems.push(error('dangling_branch', `Branch "${branch}" of "${id}" names "${target}", which is not a node.`, ['nodes', id, branch]));
      }
    }
  }
  const edges = successorsOf(nodes);
  const cycles = findCycles(nodes, edges);
  problems.push(...cycles);
  if (!startValid) return { problems };
  const { reached, order } = reachableInTopologicalOrder(view.start!, edges);
  for (const id of nodes.keys()) {
    if (!reached.has(id)) problems.push(error('unreachable_node', `Node "${id}" cannot be reached from start.`, ['nodes', id]));
  }
  return order === undefined || cycles.length > 0 ? { problems } : { problems, order };
}

type Edges = ReadonlyMap<string, readonly [Branch, string][]>;
const NO_EDGES: readonly [Branch, string][] = [];

/** Each node's branches to existing nodes, computed once (the walks below visit them several times). */
function successorsOf(nodes: GraphView['nodes']): Edges {
  const edges = new Map<string, [Branch, string][]>();
  for (const [id, node] of nodes) {
    const out: [Branch, string][] = [];
    for (const branch of BRANCHES) {
      const target = node[branch];
      if (typeof target === 'string' && nodes.has(target)) out.push([branch, target]);
    }
    edges.set(id, out);
  }
  return edges;
}

/** Iterative depth-first search; every back edge closes a cycle, reported once per set of members. */
function findCycles(nodes: GraphView['nodes'], edges: Edges): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const seen = new Set<string>();
  const stack: { id: string; next: number; edges: readonly [Branch, string][] }[] = [];
  const enter = (id: string) => {
    state.set(id, 'open');
    stack.push({ id, next: 0, edges: edges.get(id) ?? NO_EDGES });
  };
  for (const root of nodes.keys()) {
    if (state.has(root)) continue;
    enter(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edge = frame.edges[frame.next++];
      if (edge === undefined) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const [branch, target] = edge;
      const s = state.get(target);
      if (s === undefined) enter(target);
      else if (s === 'open') {
        const members = stack.slice(stack.findIndex((f) => f.id === target)).map((f) => f.id);
        const key = [...members].sort().join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          problems.push(error('cycle', `Cycle: ${[...members, target].join(' → ')}.`, ['nodes', frame.id, branch]));
        }
      }
    }
  }
  return problems;
}

/** Reachable nodes, and their topological order (Kahn's algorithm) unless a cycle prevents one. */
function reachableInTopologicalOrder(start: string, edges: Edges): { reached: Set<string>; order?: string[] } {
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const [, target] of edges.get(queue[i]!) ?? NO_EDGES) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  const indegree = new Map<string, number>();
  for (const id of reached) {
    for (const [, target] of edges.get(id) ?? NO_EDGES) indegree.set(target, (indegree.get(target) ?? 0) + 1);
  }
  const order: string[] = [];
  const ready = [...reached].filter((id) => !indegree.get(id));
  while (ready.length > 0) {
    const id = ready.pop()!;
    order.push(id);
    for (const [, target] of edges.get(id) ?? NO_EDGES) {
      const left = indegree.get(target)! - 1;
      indegree.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  return order.length === reached.size ? { reached, order } : { reached };
}
