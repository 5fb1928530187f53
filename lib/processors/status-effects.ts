import type { RoutingMode } from '../engine/types';
import { ROUTING_MODE_LABELS } from '../routing-modes';
import { listInWords } from '../text/plural';
import type { ProcessorStatus } from './schema';

/** Something that names a processor: a route, the account settings, a scheme draft, the active version. */
export interface ProcessorUse {
  kind: 'processor_route' | 'filter' | 'scheme' | 'scheme_version' | 'settings';
  id: string;
  name: string;
}

const quote = (s: string) => `“${s}”`;

/**
 * What setting a processor's status changes for payments, in words, so ops staff see the consequence
 * of taking a processor out (or back into) traffic. A processor that is not active is skipped
 * everywhere: strategies, routes and routing modes move on to their next eligible processor.
 */
export function statusChangeEffects(input: {
  name: string;
  status: ProcessorStatus;
  uses: readonly ProcessorUse[];
  routingMode: RoutingMode;
}): string[] {
  const { name, status, uses, routingMode } = input;
  const routes = uses.filter((u) => u.kind === 'processor_route').map((u) => quote(u.name));
  const isDefault = uses.some((u) => u.kind === 'settings');
  const inActiveVersion = uses.some((u) => u.kind === 'scheme_version');
  const drafts = uses.filter((u) => u.kind === 'scheme').map((u) => quote(u.name));
  const mode = quote(ROUTING_MODE_LABELS[routingMode]);

  if (status === 'active') {
    const places = [
      ...(isDefault ? ['as the default processor'] : []),
      ...(routes.length ? [`in ${routes.length === 1 ? 'route' : 'routes'} ${listInWords(routes)}`] : []),
      ...(inActiveVersion ? ['in the active scheme'] : []),
    ];
    return places.length ? [`${name} takes payments again ${listInWords(places)}.`] : [];
  }

  const effects: string[] = [];
  const out = status === 'down' ? 'is down' : 'is disabled';
  if (isDefault) {
    if (routingMode === 'default_only') effects.push(`${name} is the default processor and the routing mode is ${mode}: every payment gets no route until it is active again or another default is chosen.`);
    else if (routingMode === 'default_then_connection_order') effects.push(`${name} is the default processor: under ${mode} the next processor in connection order takes its payments.`);
    else if (routingMode === 'default_with_recency_fallback') effects.push(`${name} is the default processor: under ${mode} the most recently added processor takes its payments.`);
    else effects.push(`${name} is the default processor; the current routing mode (${mode}) does not use it, but a switch to a default-based mode would skip it.`);
  }
  if (routes.length === 1) effects.push(`Route ${routes[0]} skips ${name} and tries its next processor.`);
  if (routes.length > 1) effects.push(`Routes ${listInWords(routes)} skip ${name} and try their next processor.`);
  if (inActiveVersion) {
    effects.push(
      routingMode === 'scheme'
        ? `The active scheme lists ${name}: its strategies skip it and use their next eligible processor; a strategy with no other eligible processor answers no_route.`
        : `The active scheme lists ${name}, but the routing mode (${mode}) does not use the scheme now.`,
    );
  }
  if (routingMode === 'random_uniform' || routingMode === 'random_weighted') effects.push(`The routing mode ${mode} leaves ${name} out of its choice.`);
  if (drafts.length) effects.push(`Scheme ${drafts.length === 1 ? 'draft' : 'drafts'} ${listInWords(drafts)} ${drafts.length === 1 ? 'uses' : 'use'} it; the compile check warns while it ${out}.`);
  return effects;
}
