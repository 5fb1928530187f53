import type { PathStep } from '../types';
import type { Leaf } from './leaves';
import type { CompiledRule } from './rules';

/** A compiled condition node: its rules, their joined test, and its two branches (linked after compiling). */
export interface Condition {
  readonly kind: 'condition';
  readonly id: string;
  readonly match: 'all' | 'any';
  /** Compiled on first use (conditions.ts). */
  readonly rules: readonly CompiledRule[];
  test(tx: unknown): boolean;
  readonly yesStep: PathStep;
  readonly noStep: PathStep;
  yes: PlanNode;
  no: PlanNode;
}

export type PlanNode = Condition | Leaf;

/** Where a walk leaves the path it took (a fresh array each time); reused across decisions. */
export interface WalkOut {
  path: PathStep[];
}

/** Walks the conditions from the root, setting `out.path`; returns the index of the leaf reached. */
export type Walk = (tx: unknown, out: WalkOut) => number;

/** The reference walk: each condition's closure test. Also the fallback when code generation is unavailable. */
export function closureWalk(root: PlanNode): Walk {
  return (tx, out) => {
    const path: PathStep[] = [];
    out.path = path;
    let node = root;
    while (node.kind === 'condition') {
      if (node.test(tx)) {
        path.push(node.yesStep);
        node = node.yes;
      } else {
        path.push(node.noStep);
        node = node.no;
      }
    }
    return node.index;
  };
}
