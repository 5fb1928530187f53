import type { Decision, PathStep } from '../types';
import { hashWithPrefix, transactionKey, unitInterval } from '../hash';
import type { Leaf } from './leaves';

/**
 * A leaf's choice precomputed per eligibility class: which of the leaf's processors are eligible is a
 * small bit pattern (bit i = processor i), and everything the strategy does with that pattern except the
 * hash is the same for every payment in the class. So per pattern, computed the first time a decision
 * meets it: the candidate list (direct / priority), or the eligible weights and the candidate list for
 * each possible pick (weight / random). A decision then costs the pattern, one lookup, the hash for a
 * weighted pick among several, and copying the list. `decideAtLeaf` (leaves.ts) stays the reference:
 * the traced path uses it, and the tests compare both on every strategy.
 */

export interface Choice {
  /** Listed strategies: the candidates. Weighted ones: the candidates when no weighted processor is eligible. */
  readonly candidates: readonly string[];
  /** Weighted: the eligible positive weights, in listed order, and their sum in that order. */
  readonly weights: readonly number[];
  readonly total: number;
  /** Weighted: the candidate list when weights[j]'s processor is picked. */
  readonly lists: readonly (readonly string[])[];
}

const NO_WEIGHTS: readonly number[] = Object.freeze([]);
const NO_LISTS: readonly (readonly string[])[] = Object.freeze([]);

/** A pattern is one int: leaves with more processors keep decideAtLeaf. */
export const MAX_PATTERN_PROCESSORS = 31;
/** Patterns up to this many processors are indexed in an array (2^n entries at most); beyond, a Map. */
const ARRAY_PATTERN_BITS = 12;

/** The choices of one leaf within one processor set, filled as patterns are met. */
export class LeafChoices {
  private readonly byPattern: (Choice | undefined)[] | null;
  private readonly byPatternMap: Map<number, Choice> | null;

  constructor(private readonly leaf: Leaf) {
    const small = leaf.processorIds.length <= ARRAY_PATTERN_BITS;
    this.byPattern = small ? [] : null;
    this.byPatternMap = small ? null : new Map();
  }

  at(pattern: number): Choice {
    if (this.byPattern !== null) return this.byPattern[pattern] ?? (this.byPattern[pattern] = choiceOfPattern(this.leaf, pattern));
    let choice = this.byPatternMap!.get(pattern);
    if (choice === undefined) this.byPatternMap!.set(pattern, (choice = choiceOfPattern(this.leaf, pattern)));
    return choice;
  }
}

/** Bit i set when the leaf's i-th processor (at `positions[i]` in the set) has its bit in `mask`. */
export function patternOf(positions: Int32Array, mask: Int32Array): number {
  let pattern = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (p >= 0) pattern |= ((mask[p >> 5]! >>> (p & 31)) & 1) << i;
  }
  return pattern;
}

function choiceOfPattern(leaf: Leaf, pattern: number): Choice {
  return choiceFor(leaf, (i) => ((pattern >>> i) & 1) === 1);
}

/** The choice of a leaf when `eligible(i)` tells whether its i-th processor is eligible. */
export function choiceFor(leaf: Leaf, eligible: (i: number) => boolean): Choice {
  const ids = leaf.processorIds;
  if (leaf.ordering === 'listed') {
    const candidates: string[] = [];
    for (let i = 0; i < ids.length && candidates.length < leaf.cap; i++) if (eligible(i)) candidates.push(ids[i]!);
    return { candidates, weights: NO_WEIGHTS, total: 0, lists: NO_LISTS };
  }
  const picks: number[] = [];
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    if (!eligible(i) || leaf.weights[i]! <= 0) continue;
    picks.push(i);
    total += leaf.weights[i]!;
  }
  const listFor = (chosen: number): string[] => {
    const out = chosen >= 0 ? [ids[chosen]!] : [];
    if (leaf.ordering === 'rotation') {
      const start = chosen >= 0 ? chosen + 1 : 0;
      for (let k = 0; k < ids.length && out.length < leaf.cap; k++) {
        const i = (start + k) % ids.length;
        if (i !== chosen && eligible(i)) out.push(ids[i]!);
      }
    } else {
      for (let k = 0; k < leaf.fallback.length && out.length < leaf.cap; k++) {
        const i = leaf.fallback[k]!;
        if (i !== chosen && eligible(i)) out.push(ids[i]!);
      }
    }
    return out;
  };
  return { candidates: listFor(-1), weights: picks.map((i) => leaf.weights[i]!), total, lists: picks.map(listFor) };
}

/** The decision at a leaf from its precomputed choice; the same as decideAtLeaf with the pattern's flags. */
export function decideWithChoice(leaf: Leaf, tx: unknown, choice: Choice, path: PathStep[]): Decision {
  if (leaf.refusal !== null) {
    return {
      outcome: leaf.refusal.outcome, processor: null, candidates: [], strategy: leaf.strategy, node: leaf.id,
      path, modifiers: leaf.modifiers, reason: leaf.refusal.reason,
    };
  }
  const list = pickCandidates(choice, tx, leaf.hashSeed);
  if (list.length === 0) {
    return {
      outcome: 'no_route', processor: null, candidates: [], strategy: leaf.strategy, node: leaf.id,
      path, modifiers: leaf.modifiers, reason: leaf.noRouteReason,
    };
  }
  return {
    outcome: 'route', processor: list[0]!, candidates: list.slice(), strategy: leaf.strategy, node: leaf.id,
    path, modifiers: leaf.modifiers,
  };
}

/**
 * The candidates of a choice for this payment: for a weighted one, the pick exactly as weightedCandidates
 * makes it (the eligible weights subtracted in listed order, from the leaf's `hashSeed`).
 */
export function pickCandidates(choice: Choice, tx: unknown, hashSeed: number): readonly string[] {
  const weights = choice.weights;
  const n = weights.length;
  if (n === 0) return choice.candidates;
  if (n === 1) return choice.lists[0]!;
  let point = unitInterval(hashWithPrefix(hashSeed, transactionKey(tx))) * choice.total;
  let j = 0;
  for (; j < n - 1; j++) {
    point -= weights[j]!;
    if (point < 0) break;
  }
  return choice.lists[j]!;
}
