import type { RoutingMode } from './engine/types';

/** How each routing mode reads to ops staff. */
export const ROUTING_MODE_LABELS: Record<RoutingMode, string> = {
  scheme: 'Active routing scheme',
  default_only: 'Default processor only',
  default_then_connection_order: 'Default, then processors in the order they were connected',
  default_with_recency_fallback: 'Default, then the most recently added processor',
  random_uniform: 'Random, evenly across eligible processors',
  random_weighted: 'Random, weighted',
  processor_route: 'Default processor route',
};
