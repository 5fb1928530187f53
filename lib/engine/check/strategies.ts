import type { StrategyNode } from '../../scheme/schema';
import type { Problem, Processor, ProcessorRoute, Registry } from '../types';
import { error, warning, type Path } from './problems';

export interface RegistryIndex {
  processors?: Map<string, Processor>;
  routes?: Map<string, ProcessorRoute>;
}

export function indexRegistry(registry: Registry | undefined): RegistryIndex {
  const index: RegistryIndex = {};
  if (registry?.processors) index.processors = new Map(registry.processors.map((p) => [p.id, p]));
  if (registry?.routes) index.routes = new Map(registry.routes.map((r) => [r.id, r]));
  return index;
}

/** One entry of a strategy's list: a processor id or a route reference, with its path. */
interface Entry {
  processor?: string;
  route?: string;
  path: Path;
}

function entriesOf(node: StrategyNode, base: Path): Entry[] {
  if (node.strategy === 'blank') return [];
  if (node.strategy === 'weight') {
    return node.processors.map((p, i) => ({ processor: p.processor, path: [...base, 'processors', i, 'processor'] }));
  }
  if (node.strategy === 'priority') {
    return node.processors.map((p, i) =>
      typeof p === 'string' ? { processor: p, path: [...base, 'processors', i] } : { route: p.route, path: [...base, 'processors', i, 'route'] },
    );
  }
  return node.processors.map((p, i) => ({ processor: p, path: [...base, 'processors', i] }));
}

/**
 * The processors a strategy can choose from, routes expanded, in order and without repeats. `complete` is
 * false when a route could not be expanded because the registry's routes are not known or lack it.
 */
export function candidatesOf(
  id: string,
  node: StrategyNode,
  registry: RegistryIndex,
): { list: { processor: string; path: Path }[]; complete: boolean } {
  const list: { processor: string; path: Path }[] = [];
  const seen = new Set<string>();
  let complete = true;
  for (const entry of entriesOf(node, ['nodes', id])) {
    const ids = entry.processor !== undefined ? [entry.processor] : registry.routes?.get(entry.route!)?.processors;
    if (ids === undefined) complete = false;
    for (const id of ids ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        list.push({ processor: id, path: entry.path });
      }
    }
  }
  return { list, complete };
}

/** List shape, weights, duplicates, references, cascade length and processor status of one strategy. */
export function checkStrategy(id: string, node: StrategyNode, registry: RegistryIndex): Problem[] {
  const base: Path = ['nodes', id];
  const problems: Problem[] = [];
  if (node.strategy === 'blank') return problems;
  const entries = entriesOf(node, base);
  if (node.strategy === 'direct' && entries.length !== 1) {
    problems.push(error('direct_needs_one_processor', `A direct strategy names exactly one processor; "${id}" names ${entries.length}.`, [...base, 'processors']));
  } else if (entries.length === 0) {
    problems.push(error('strategy_without_processors', `The ${node.strategy} strategy "${id}" lists no processors.`, [...base, 'processors']));
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = entry.processor !== undefined ? `p:${entry.processor}` : `r:${entry.route}`;
    const name = entry.processor ?? entry.route!;
    if (seen.has(key)) problems.push(error('duplicate_processor', `"${name}" is listed twice in "${id}".`, entry.path));
    seen.add(key);
    if (entry.processor !== undefined && registry.processors) {
      const processor = registry.processors.get(entry.processor);
      if (!processor) problems.push(error('unknown_processor', `Unknown processor "${entry.processor}".`, entry.path));
      else if (processor.status !== 'active') {
        problems.push(warning('processor_not_active', `Processor "${entry.processor}" is ${processor.status}; it is skipped until it is active again.`, entry.path));
      }
    }
    if (entry.route !== undefined && registry.routes && !registry.routes.has(entry.route)) {
      problems.push(error('unknown_route', `Unknown processor route "${entry.route}".`, entry.path));
    }
  }
  if (node.strategy === 'weight') problems.push(...checkWeights(node.processors.map((p) => p.weight), base));
  if (node.cascade) {
    if (node.cascade.on.length === 0) {
      problems.push(warning('cascade_without_categories', `The cascade of "${id}" retries on no failure category, so it never retries.`, [...base, 'cascade', 'on']));
    }
    const { list: candidates, complete } = candidatesOf(id, node, registry);
    if (complete && candidates.length > 0 && node.cascade.max_attempts > candidates.length) {
      problems.push(
        warning('cascade_exceeds_candidates', `max_attempts is ${node.cascade.max_attempts} but "${id}" has ${candidates.length} candidate${candidates.length === 1 ? '' : 's'}; at most ${candidates.length} attempts happen.`, [...base, 'cascade', 'max_attempts']),
      );
    }
  }
  return problems;
}

function checkWeights(weights: number[], base: Path): Problem[] {
  const problems: Problem[] = [];
  weights.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 0 || w > 100) {
      problems.push(error('weight_invalid', `Weight ${w} is not a whole number from 0 to 100.`, [...base, 'processors', i, 'weight']));
    }
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  if (problems.length === 0 && weights.length > 0 && sum !== 100) {
    problems.push(error('weights_not_100', `Weights sum to ${sum}, not 100.`, [...base, 'processors']));
  }
  return problems;
}
