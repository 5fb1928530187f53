import { listInWords } from '../text/plural';

interface ProcessorState {
  id: string;
  name: string;
  status: string;
}

/**
 * What ops staff should know about a route's processors: those not active are skipped when the
 * route is tried, and a route with none active routes nothing.
 */
export function routeWarnings(processorIds: readonly string[], processors: readonly ProcessorState[]): string[] {
  const byId = new Map(processors.map((p) => [p.id, p]));
  const listed = processorIds.map((id) => byId.get(id)).filter((p): p is ProcessorState => p !== undefined);
  const out = listed.filter((p) => p.status !== 'active');
  if (out.length === 0) return [];
  const names = out.map((p) => `${p.name} (${p.status})`);
  if (out.length === listed.length) return [`No processor in this route is active: ${listInWords(names)}. Payments sent to it get no route until one is active again.`];
  return [`${listInWords(names)} ${out.length === 1 ? 'is' : 'are'} not active: the route skips ${out.length === 1 ? 'it' : 'them'} and tries the next processor until ${out.length === 1 ? 'it is' : 'they are'} active again.`];
}
