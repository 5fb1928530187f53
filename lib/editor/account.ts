import { builtinCatalog, createCatalog, type CustomAttributeDefinition } from '../catalog';
import type { CompileOptions, Filter, Processor, ProcessorRoute, Registry } from '../engine/types';

/**
 * What the editor needs to know of the account, as plain data: it is sent to the browser with the
 * page and on to the checker worker, where it becomes the compile options (registry, catalog, time zone).
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
    catalog: account.customAttributes.length ? createCatalog(account.customAttributes) : builtinCatalog(),
    timeZone: account.timeZone,
  };
}
