import type { PathStep } from '../types';
import type { Condition, PlanNode } from './nodes';

/**
 * How a plan's conditions are cut into generated functions, decided before any source is written (the
 * source of a function is generated the first time a decision reaches it, codegen.ts).
 *
 * V8 optimises a function only up to a bytecode budget, so each function holds at most `budget`
 * conditions: the top of its subtree, taken breadth first. A branch leaving it calls the function of
 * the subtree below. A node reached from several branches (a DAG) has one function of its own, so
 * nothing is generated twice. Where the path to a function is one and at most STATIC_PATH_STEPS long,
 * its leaves write the whole path as one array literal (`steps` holds it); below a shared node or a
 * longer path, the path so far arrives as an array that later steps are pushed onto (`steps` undefined).
 */

const STATIC_PATH_STEPS = 64;

/** Path steps as a list sharing its tails: each condition adds one cell, not a copy. */
export type Steps = { readonly step: PathStep; readonly previous: Steps; readonly length: number } | null;

export function withStep(steps: Steps, step: PathStep): Steps {
  return { step, previous: steps, length: (steps?.length ?? 0) + 1 };
}

/** The steps of `steps` after those of `base`, first to last. */
export function stepsAfter(steps: Steps, base: Steps = null): PathStep[] {
  const out: PathStep[] = [];
  for (let s = steps; s !== null && s !== base; s = s.previous) out.push(s.step);
  return out.reverse();
}

export interface GeneratedFunction {
  readonly entry: Condition;
  /** The conditions written inline in this function, the entry included. */
  readonly inside: ReadonlySet<Condition>;
  /** The path from the root to the entry when it is static; undefined when it arrives as an array. */
  readonly steps: Steps | undefined;
  /** The function each branch leaving this one calls, by the node it leads to. */
  readonly exits: ReadonlyMap<PlanNode, number>;
  /** True for a shared node's function: its callers pass no values read so far. */
  readonly shared: boolean;
}

export interface Layout {
  /** Function 0 holds the root (none when the root is a leaf). */
  readonly functions: readonly GeneratedFunction[];
  /** Functions on the longest chain of calls one decision may go through. */
  readonly callDepth: number;
}

/** How many branches lead to each node reachable from `root` (the root counts one for the entry). */
function inDegrees(root: PlanNode): Map<PlanNode, number> {
  const degree = new Map<PlanNode, number>([[root, 1]]);
  const stack: PlanNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind !== 'condition') continue;
    for (const next of [node.yes, node.no]) {
      const seen = degree.get(next);
      degree.set(next, (seen ?? 0) + 1);
      if (seen === undefined) stack.push(next);
    }
  }
  return degree;
}

export function layoutFunctions(root: PlanNode, budget: number): Layout {
  if (root.kind !== 'condition') return { functions: [], callDepth: 0 };
  const inDegree = inDegrees(root);
  const isShared = (node: PlanNode) => (inDegree.get(node) ?? 0) > 1;
  const pending: { entry: Condition; steps: Steps | undefined; shared: boolean }[] = [{ entry: root, steps: null, shared: false }];
  const sharedFunction = new Map<PlanNode, number>();
  const functions: GeneratedFunction[] = [];
  const calls: number[][] = [];
  for (let index = 0; index < pending.length; index++) {
    const { entry, steps, shared } = pending[index]!;
    const inside = new Set<Condition>([entry]);
    const queue: Condition[] = [entry];
    for (let i = 0; i < queue.length && inside.size < budget; i++) {
      for (const next of [queue[i]!.yes, queue[i]!.no]) {
        if (next.kind !== 'condition' || inside.has(next) || isShared(next) || inside.size >= budget) continue;
        inside.add(next);
        queue.push(next);
      }
    }
    // Every branch leaving the function, with the static path to it where there is one.
    const exits = new Map<PlanNode, number>();
    const out: number[] = [];
    const walk: { node: Condition; steps: Steps | undefined }[] = [{ node: entry, steps }];
    while (walk.length > 0) {
      const { node, steps: here } = walk.pop()!;
      for (const [next, step] of [[node.yes, node.yesStep], [node.no, node.noStep]] as const) {
        if (next.kind !== 'condition') continue;
        const below = here === undefined ? undefined : withStep(here, step);
        if (inside.has(next)) {
          walk.push({ node: next, steps: below });
          continue;
        }
        let callee = sharedFunction.get(next);
        if (callee === undefined) {
          callee = pending.length;
          const shareable = isShared(next);
          const stepsThere = !shareable && below !== undefined && below !== null && below.length <= STATIC_PATH_STEPS ? below : undefined;
          pending.push({ entry: next, steps: stepsThere, shared: shareable });
          if (shareable) sharedFunction.set(next, callee);
        }
        exits.set(next, callee);
        out.push(callee);
      }
    }
    functions.push({ entry, inside, steps, exits, shared });
    calls.push(out);
  }
  return { functions, callDepth: longestCallChain(calls) };
}

/**
 * Functions on the longest chain of calls from the first. The calls form a DAG (a plan has no cycles),
 * but a shared function may have a lower index than a caller: depths are taken in post-order.
 */
function longestCallChain(calls: readonly (readonly number[])[]): number {
  const depth = new Array<number>(calls.length).fill(0);
  const stack: { f: number; next: number }[] = [{ f: 0, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const callees = calls[top.f]!;
    if (top.next < callees.length) {
      const callee = callees[top.next++]!;
      if (depth[callee] === 0) stack.push({ f: callee, next: 0 });
      continue;
    }
    let d = 1;
    for (const callee of callees) d = Math.max(d, 1 + depth[callee]!);
    depth[top.f] = d;
    stack.pop();
  }
  return depth[0]!;
}
