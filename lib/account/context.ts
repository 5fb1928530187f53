import { catalogFor, type CustomAttributeDefinition } from '../catalog';
import type { CompileOptions, Filter, Processor, ProcessorRoute, Registry } from '../engine';

/**
 * What a scheme compiles against in one account, as plain data: the server loads it, the editor gets
 * it with the page and hands it on to the checker worker, and each turns it into the same compile options.
 */
export interface AccountContext {
  /** Registered processors; the records carry `name` and `provider` too, for display. */
  processors: (Processor & { name?: string; provider?: string })[];
  routes: ProcessorRoute[];
  filters: Filter[];
  customAttributes: CustomAttributeDefinition[];
  timeZone: string;
}

/** The compile options an account context stands for: the same in the browser, the worker and the server. */
export function compileOptionsFor(account: AccountContext): Required<CompileOptions> & { registry: Required<Registry> } {
  return {
    registry: { processors: account.processors, routes: account.routes, filters: account.filters },
    catalog: catalogFor(account.customAttributes),
    timeZone: account.timeZone,
  };
}
