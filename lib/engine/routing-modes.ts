import type {
  Decision, DecideOptions, ProcessorRoute, ProcessorSet, RoutingMode, RoutingSettings, SkippedProcessor, Transaction,
} from './types';
import type { StrategyKind } from '../scheme/schema';
import { hashPrefix, hashWithPrefix, transactionKey, unitInterval } from './hash';
import { EMPTY_MODIFIERS } from './plan/leaves';
import {
  ineligibility, processorIndexOf, readPaymentFields, type EligibilityEntry, type PaymentFields,
} from './processors';

/**
 * Decisions without an active scheme and with a named processor route (§4).
 * They return the same Decision shape as a plan: `mode` set, `node` null, `path` empty, `strategy` the
 * scheme strategy that behaves the same (null for `scheme`). Only eligible processors are candidates.
 *
 * - default_only: the default processor alone.
 * - default_then_connection_order: the default, then every other processor oldest first (created_at).
 * - default_with_recency_fallback: the default, then the most recently created other processor.
 * - random_uniform / random_weighted: one processor picked by the hash of (mode, transaction id) among
 *   the eligible ones (weighted by settings.weights; processors without a positive weight never picked).
 * - processor_route: settings.default_route's processors in order.
 * - scheme: reaching here means no scheme is active, so no_route with that reason.
 * The fallback modes list every fallback (that is what they promise); the random modes have none.
 */

const STRATEGY_OF: Record<RoutingMode, StrategyKind | null> = {
  default_only: 'direct',
  default_then_connection_order: 'priority',
  default_with_recency_fallback: 'priority',
  random_uniform: 'random',
  random_weighted: 'weight',
  processor_route: 'priority',
  scheme: null,
};

const SEED_UNIFORM = hashPrefix('random_uniform');
const SEED_WEIGHTED = hashPrefix('random_weighted');

interface Context {
  tx: unknown;
  fields: PaymentFields;
  entries: ReadonlyMap<string, EligibilityEntry>;
  skipped: SkippedProcessor[] | null;
}

export function decideWithoutScheme(
  tx: Transaction,
  settings: RoutingSettings,
  processors: ProcessorSet,
  options?: DecideOptions,
): Decision {
  const context = contextFor(tx, processors, options);
  const index = processorIndexOf(processors);
  const mode = settings.mode;
  const fallbackIds = (): string[] => {
    if (mode === 'default_then_connection_order') return index.byCreation.map((e) => e.id);
    if (mode === 'default_with_recency_fallback') {
      const newest = [...index.byCreation].reverse().find((e) => e.id !== settings.default_processor &&
        ineligibility(e, context.fields) === null);
      return newest ? [newest.id] : [];
    }
    return [];
  };
  switch (mode) {
    case 'default_only':
    case 'default_then_connection_order':
    case 'default_with_recency_fallback': {
      const first = settings.default_processor;
      if (typeof first !== 'string' || first === '') return refuse(mode, 'no default processor is configured', context);
      return ordered(mode, [first, ...fallbackIds()], context);
    }
    case 'processor_route': {
      const route = settings.default_route;
      if (!route) return refuse(mode, 'no default processor route is configured', context);
      return ordered(mode, route.processors, context);
    }
    case 'random_uniform':
      return pick(mode, index.byCreation.map((e) => e.id), () => 1, SEED_UNIFORM, context);
    case 'random_weighted': {
      const weights = settings.weights ?? {};
      const weightOf = (id: string): number => {
        const w = Object.prototype.hasOwnProperty.call(weights, id) ? weights[id] : undefined;
        return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0;
      };
      return pick(mode, index.byCreation.map((e) => e.id), weightOf, SEED_WEIGHTED, context);
    }
    case 'scheme':
      return refuse(mode, 'routing mode is "scheme" but no scheme is active', context);
    default:
      return refuse(mode, `unknown routing mode "${String(mode)}"`, context);
  }
}

/** A decide request that names a processor route: its processors in order, eligible ones only. */
export function decideWithRoute(
  tx: Transaction,
  route: ProcessorRoute,
  processors: ProcessorSet,
  options?: DecideOptions,
): Decision {
  return ordered('processor_route', route.processors, contextFor(tx, processors, options));
}

function contextFor(tx: unknown, processors: ProcessorSet, options: DecideOptions | undefined): Context {
  return {
    tx,
    fields: readPaymentFields(tx, { currency: undefined, method: undefined, country: undefined }),
    entries: processorIndexOf(processors).entries,
    skipped: options?.trace === true ? [] : null,
  };
}

function ordered(mode: RoutingMode, ids: readonly string[], context: Context): Decision {
  const candidates: string[] = [];
  for (const id of new Set(ids)) {
    const reason = ineligibility(context.entries.get(id), context.fields);
    if (reason === null) candidates.push(id);
    else context.skipped?.push({ processor: id, reason });
  }
  return result(mode, candidates, context);
}

function pick(
  mode: RoutingMode,
  ids: readonly string[],
  weightOf: (id: string) => number,
  seed: number,
  context: Context,
): Decision {
  const eligible: { id: string; weight: number }[] = [];
  let total = 0;
  for (const id of ids) {
    const reason = ineligibility(context.entries.get(id), context.fields);
    if (reason !== null) {
      context.skipped?.push({ processor: id, reason });
      continue;
    }
    const weight = weightOf(id);
    if (weight > 0) {
      eligible.push({ id, weight });
      total += weight;
    }
  }
  let point = unitInterval(hashWithPrefix(seed, transactionKey(context.tx))) * total;
  for (const { id, weight } of eligible) {
    point -= weight;
    if (point < 0) return result(mode, [id], context);
  }
  const last = eligible[eligible.length - 1];
  return result(mode, last ? [last.id] : [], context);
}

function refuse(mode: RoutingMode, reason: string, context: Context): Decision {
  return withTrace({
    outcome: 'no_route', processor: null, candidates: [], strategy: STRATEGY_OF[mode] ?? null, node: null,
    path: [], modifiers: EMPTY_MODIFIERS, reason, mode,
  }, context);
}

function result(mode: RoutingMode, candidates: string[], context: Context): Decision {
  if (candidates.length === 0) return refuse(mode, `no eligible processor for routing mode "${mode}"`, context);
  return withTrace({
    outcome: 'route', processor: candidates[0]!, candidates, strategy: STRATEGY_OF[mode], node: null,
    path: [], modifiers: EMPTY_MODIFIERS, mode,
  }, context);
}

function withTrace(decision: Decision, context: Context): Decision {
  if (context.skipped !== null) decision.trace = { conditions: [], skipped: context.skipped };
  return decision;
}
