import type { CustomAttributeDefinition } from '../catalog';
import type { Filter, Processor, ProcessorRoute } from '../engine/types';

/**
 * What the editor needs to know of the account, as plain data: it is sent to the browser with the
 * page and on to the checker worker, where it becomes the compile options (registry, catalog, time zone).
 */
export interface AccountContext {
  processors: Processor[];
  routes: ProcessorRoute[];
  filters: Filter[];
  customAttributes: CustomAttributeDefinition[];
  timeZone: string;
}
