import type { Modifiers, StrategyKind, StrategyNode } from '../../scheme/schema';
import type { Decision, PathStep, ProcessorRoute, SkippedProcessor } from '../types';
import { hashPrefix, hashWithPrefix, transactionKey, unitInterval } from '../hash';
import { ineligibility, type EligibilityEntry, type PaymentFields } from '../processors';

/**
 * Strategy nodes compiled to leaves, and the choice among eligible processors.
 * - direct / priority: listed order (routes expanded at compile time), eligible ones only.
 * - weight: the hash of (node id, transaction id) picks among eligible processors with weight > 0, in
 *   proportion to their weights; the fallback order after it is the other eligible processors by
 *   descending weight, ties in listed order (zero-weight processors only ever serve as fallbacks).
 * - random: the same pick with equal weights; the fallback order continues round the list after the
 *   chosen one, so retries spread as evenly as first attempts.
 * `candidates` is capped at cascade.max_attempts (1 without a cascade).
 */

export const EMPTY_MODIFIERS: Modifiers = Object.freeze({});

export type Ordering = 'listed' | 'weight' | 'rotation';

export interface Leaf {
  readonly kind: 'leaf';
  /** Position in the plan's leaf list, for per-processor-set caches. */
  readonly index: number;
  readonly id: string | null;
  readonly strategy: StrategyKind | null;
  readonly modifiers: Modifiers;
  /** For blank strategies and dead ends. */
  readonly refusal: { outcome: 'blocked' | 'no_route'; reason: string } | null;
  readonly processorIds: readonly string[];
  readonly weights: readonly number[];
  readonly ordering: Ordering;
  /** For weight: indices by descending weight, ties in listed order (empty for the others). */
  readonly fallback: readonly number[];
  readonly cap: number;
  readonly noRouteReason: string;
  /** For weight / random: the hash state after the node id (0 for the others, which never hash). */
  readonly hashSeed: number;
}

const NO_FALLBACK: readonly number[] = Object.freeze([]);

/** Eligibility flags of the leaf being decided, shared by all leaves: evaluation is synchronous. */
let scratch = new Uint8Array(64);
function eligibleFlags(size: number): Uint8Array {
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  return scratch;
}

export function deadEnd(index: number, reason: string): Leaf {
  return leaf(index, null, null, EMPTY_MODIFIERS, { outcome: 'no_route', reason }, [], [], 'listed', 1);
}

export function compileLeaf(index: number, id: string, node: StrategyNode, routes: ReadonlyMap<string, ProcessorRoute>): Leaf {
  const modifiers = node.modifiers ? Object.freeze({ ...node.modifiers }) : EMPTY_MODIFIERS;
  if (node.strategy === 'blank') {
    const reason = node.reason ?? `blocked by strategy "${id}"`;
    return leaf(index, id, 'blank', modifiers, { outcome: 'blocked', reason }, [], [], 'listed', 1);
  }
  const cap = node.cascade?.max_attempts ?? 1;
  if (node.strategy === 'weight') {
    const weights = new Map<string, number>();
    for (const item of node.processors) {
      const w = Number.isFinite(item.weight) && item.weight > 0 ? item.weight : 0;
      weights.set(item.processor, (weights.get(item.processor) ?? 0) + w);
    }
    return leaf(index, id, 'weight', modifiers, null, [...weights.keys()], [...weights.values()], 'weight', cap);
  }
  if (node.strategy === 'random') {
    const ids = unique(node.processors);
    return leaf(index, id, 'random', modifiers, null, ids, ids.map(() => 1), 'rotation', cap);
  }
  if (node.strategy === 'direct') {
    const ids = node.processors.slice(0, 1);
    return leaf(index, id, 'direct', modifiers, null, ids, ids.map(() => 1), 'listed', cap);
  }
  const expanded = node.processors.flatMap((item) =>
    typeof item === 'string' ? [item] : (routes.get(item.route)?.processors ?? []),
  );
  const ids = unique(expanded);
  return leaf(index, id, 'priority', modifiers, null, ids, ids.map(() => 1), 'listed', cap);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function leaf(
  index: number,
  id: string | null,
  strategy: StrategyKind | null,
  modifiers: Modifiers,
  refusal: Leaf['refusal'],
  processorIds: string[],
  weights: number[],
  ordering: Ordering,
  cap: number,
): Leaf {
  // Only weight leaves fall back by weight, and only weighted ones hash.
  const fallback = ordering === 'weight' ? processorIds.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b) : NO_FALLBACK;
  return {
    kind: 'leaf', index, id, strategy, modifiers, refusal, processorIds, weights, ordering, fallback,
    cap: Math.max(1, Math.floor(cap)),
    noRouteReason: `no eligible processor for strategy "${id}"`,
    hashSeed: ordering === 'listed' ? 0 : hashPrefix(id ?? ''),
  };
}

/**
 * Eligibility flags of a leaf's processors on the hot path: bit `positions[i]` of the set's eligible
 * mask (-1 = unknown id, never eligible).
 */
export function flagsFromMask(positions: Int32Array, mask: Int32Array): Uint8Array {
  const flags = eligibleFlags(positions.length);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    flags[i] = p >= 0 ? (mask[p >> 5]! >>> (p & 31)) & 1 : 0;
  }
  return flags;
}

/** Eligibility flags for the traced path: every ineligible processor goes to `skipped` with its reason. */
export function flagsWithReasons(
  leaf: Leaf,
  entries: readonly (EligibilityEntry | undefined)[],
  fields: PaymentFields,
  skipped: SkippedProcessor[],
): Uint8Array {
  const ids = leaf.processorIds;
  const flags = eligibleFlags(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const reason = ineligibility(entries[i], fields);
    flags[i] = reason === null ? 1 : 0;
    if (reason !== null) skipped.push({ processor: ids[i]!, reason });
  }
  return flags;
}

/** The decision at a leaf; `eligible[i]` is 1 when the leaf's i-th processor is eligible (see above). */
export function decideAtLeaf(leaf: Leaf, tx: unknown, eligible: Uint8Array, path: PathStep[]): Decision {
  if (leaf.refusal !== null) {
    return {
      outcome: leaf.refusal.outcome, processor: null, candidates: [], strategy: leaf.strategy, node: leaf.id,
      path, modifiers: leaf.modifiers, reason: leaf.refusal.reason,
    };
  }
  const candidates = leaf.ordering === 'listed' ? orderedCandidates(leaf, eligible) : weightedCandidates(leaf, tx, eligible);
  if (candidates.length === 0) {
    return {
      outcome: 'no_route', processor: null, candidates, strategy: leaf.strategy, node: leaf.id,
      path, modifiers: leaf.modifiers, reason: leaf.noRouteReason,
    };
  }
  return {
    outcome: 'route', processor: candidates[0]!, candidates, strategy: leaf.strategy, node: leaf.id,
    path, modifiers: leaf.modifiers,
  };
}

function orderedCandidates(leaf: Leaf, eligible: Uint8Array): string[] {
  const ids = leaf.processorIds;
  const picked = pickedIndices(ids.length);
  let count = 0;
  for (let i = 0; i < ids.length && count < leaf.cap; i++) if (eligible[i] === 1) picked[count++] = i;
  return idsAt(ids, picked, count);
}

function weightedCandidates(leaf: Leaf, tx: unknown, eligible: Uint8Array): string[] {
  const { processorIds: ids, weights } = leaf;
  let total = 0;
  let weighted = 0;
  let only = -1;
  for (let i = 0; i < ids.length; i++) {
    if (eligible[i] === 0 || weights[i]! <= 0) continue;
    total += weights[i]!;
    weighted++;
    only = i;
  }
  let chosen = -1;
  if (weighted === 1) chosen = only;
  else if (weighted > 1) {
    let point = unitInterval(hashWithPrefix(leaf.hashSeed, transactionKey(tx))) * total;
    for (let i = 0; i < ids.length; i++) {
      if (eligible[i] === 0 || weights[i]! <= 0) continue;
      chosen = i;
      point -= weights[i]!;
      if (point < 0) break;
    }
  }
  const picked = pickedIndices(ids.length);
  let count = 0;
  if (chosen >= 0) picked[count++] = chosen;
  if (leaf.ordering === 'rotation') {
    const start = chosen >= 0 ? chosen + 1 : 0;
    for (let k = 0; k < ids.length && count < leaf.cap; k++) {
      const i = (start + k) % ids.length;
      if (i !== chosen && eligible[i] === 1) picked[count++] = i;
    }
  } else {
    const order = leaf.fallback;
    for (let k = 0; k < order.length && count < leaf.cap; k++) {
      const i = order[k]!;
      if (i !== chosen && eligible[i] === 1) picked[count++] = i;
    }
  }
  return idsAt(ids, picked, count);
}

/** Indices of the candidates being chosen (at most one per processor), shared like the eligibility flags. */
let picked = new Int32Array(16);
function pickedIndices(size: number): Int32Array {
  if (picked.length < size) picked = new Int32Array(Math.max(size, picked.length * 2));
  return picked;
}

/** The candidates array, allocated at its exact length (pushing onto [] reserves 16 slots). */
function idsAt(ids: readonly string[], indices: Int32Array, count: number): string[] {
  switch (count) {
    case 0: return [];
    case 1: return [ids[indices[0]!]!];
    case 2: return [ids[indices[0]!]!, ids[indices[1]!]!];
    case 3: return [ids[indices[0]!]!, ids[indices[1]!]!, ids[indices[2]!]!];
    default: {
      const out: string[] = [];
      for (let k = 0; k < count; k++) out.push(ids[indices[k]!]!);
      return out;
    }
  }
}
