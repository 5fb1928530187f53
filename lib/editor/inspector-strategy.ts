import type { ProcessorRoute } from '../engine/types';
import {
  CASCADE_CATEGORIES,
  type Cascade,
  type CascadeCategory,
  type StrategyKind,
  type StrategyNode,
  type WeightStrategy,
} from '../scheme/schema';

/**
 * The inspector's strategy logic: switching the strategy type without losing the processors, weights
 * that sum to 100, and the cascade defaults. Pure: the inspector dispatches the results through
 * updateNode.
 */
export type WeightedItem = WeightStrategy['processors'][number];
export type PriorityEntry = string | { route: string };

/** A strategy's entries as written: processor ids and route references (weight items give their ids). */
export function entriesOf(node: StrategyNode): PriorityEntry[] {
  switch (node.strategy) {
    case 'blank':
      return [];
    case 'weight':
      return byWeight(node.processors).map((item) => item.processor);
    default:
      return [...node.processors];
  }
}

/** Weighted items by descending weight, ties in list order: the order the cascade tries them in. */
function byWeight(items: readonly WeightedItem[]): WeightedItem[] {
  return items.map((item, i) => ({ item, i })).sort((a, b) => b.item.weight - a.item.weight || a.i - b.i).map(({ item }) => item);
}

/**
 * Processor ids only, route references expanded to their processors (a route the account does not
 * know is dropped: only priority lists can hold routes), without repeats, in order.
 */
export function expandRoutes(entries: readonly PriorityEntry[], routes: readonly ProcessorRoute[]): string[] {
  const byId = new Map(routes.map((r) => [r.id, r]));
  const ids = entries.flatMap((entry) => (typeof entry === 'string' ? [entry] : (byId.get(entry.route)?.processors ?? [])));
  return [...new Set(ids)];
}

/** Whole-number weights summing to 100, as even as can be; the first items take the remainder. */
export function spreadEvenly(processors: readonly string[]): WeightedItem[] {
  const n = processors.length;
  if (n === 0) return [];
  const base = Math.floor(100 / n);
  const remainder = 100 - base * n;
  return processors.map((processor, i) => ({ processor, weight: base + (i < remainder ? 1 : 0) }));
}

export function weightSum(weights: readonly number[]): number {
  return weights.reduce((sum, w) => sum + (Number.isFinite(w) ? w : 0), 0);
}

/** The weight a newly added processor gets: what is left to reach 100, never negative. */
export function weightForNew(items: readonly WeightedItem[]): number {
  return Math.max(0, 100 - weightSum(items.map((i) => i.weight)));
}

/**
 * The node as another strategy type, keeping what carries over: label, description, modifiers, the
 * cascade (except on blank, which tries nothing), the reason (blank only) and the processors:
 * - a list kept as it is between priority, direct and random (routes expanded where only priority
 *   takes them); direct keeps every processor, so nothing is lost, and the checker asks for one;
 * - to weight: the processors spread evenly;
 * - from weight: ordered by descending weight, the order the cascade would try them in.
 * Blank has no processors: switching to blank drops them (undo brings them back).
 */
export function convertStrategy(node: StrategyNode, to: StrategyKind, routes: readonly ProcessorRoute[]): StrategyNode {
  if (node.strategy === to) return node;
  const head = {
    type: 'strategy' as const,
    ...(node.label !== undefined ? { label: node.label } : {}),
    ...(node.description !== undefined ? { description: node.description } : {}),
  };
  const modifiers = node.modifiers !== undefined ? { modifiers: node.modifiers } : {};
  if (to === 'blank') return { ...head, strategy: 'blank', ...modifiers };
  const cascade = node.strategy !== 'blank' && node.cascade !== undefined ? { cascade: node.cascade } : {};
  const entries = entriesOf(node);
  const tail = { ...cascade, ...modifiers };
  switch (to) {
    case 'priority':
      return { ...head, strategy: 'priority', processors: entries, ...tail };
    case 'weight':
      return { ...head, strategy: 'weight', processors: spreadEvenly(expandRoutes(entries, routes)), ...tail };
    case 'direct':
      return { ...head, strategy: 'direct', processors: expandRoutes(entries, routes), ...tail };
    case 'random':
      return { ...head, strategy: 'random', processors: expandRoutes(entries, routes), ...tail };
  }
}

/** A cascade when one is switched on: two attempts, on every retryable category. */
export const DEFAULT_CASCADE: Cascade = { max_attempts: 2, on: [...CASCADE_CATEGORIES] };

/** The cascade with a category switched on or off, categories kept in their canonical order. */
export function toggleCategory(cascade: Cascade, category: CascadeCategory, on: boolean): Cascade {
  const set = new Set(cascade.on);
  if (on) set.add(category);
  else set.delete(category);
  return { ...cascade, on: CASCADE_CATEGORIES.filter((c) => set.has(c)) };
}


export const CATEGORY_LABELS: Readonly<Record<CascadeCategory, string>> = {
  soft_decline: 'Soft decline',
  processor_error: 'Processor error',
  timeout: 'Timeout',
};
