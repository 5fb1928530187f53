import type { ConditionNode, SchemeDocument } from '../../scheme/schema';
import type { Catalog } from '../../catalog/types';
import type { Problem, Processor } from '../types';
import { intersect, isEmpty, ruleConstraint, union, type Domain, type RuleConstraint, type SetDomain } from './constraints';
import { warning } from './problems';
import { candidatesOf, type RegistryIndex } from './strategies';

/**
 * What every path to a node guarantees about the transaction: attribute → the values it may have there.
 * An attribute not in the map is unconstrained; `null` means no transaction gets there at all.
 */
type State = ReadonlyMap<string, Domain> | null;

function and(state: State, c: { attribute: string; domain: Domain }): State {
  if (state === null) return null;
  const existing = state.get(c.attribute);
  const next = existing ? intersect(existing, c.domain) : c.domain;
  if (isEmpty(next)) return null;
  return new Map(state).set(c.attribute, next);
}

const holds = (s: State, c: RuleConstraint): State => and(s, { attribute: c.attribute, domain: c.holds });
const fails = (s: State, c: RuleConstraint): State => and(s, { attribute: c.attribute, domain: c.fails });

function or(a: State, b: State): State {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Map<string, Domain>();
  for (const [attribute, d] of a) {
    const other = b.get(attribute);
    if (other) out.set(attribute, union(d, other));
  }
  return out;
}

/** The states on the yes and no branches of a condition. Filters and unknown rules constrain nothing. */
function branchStates(state: State, node: ConditionNode, catalog: Catalog): { then: State; else: State } {
  const constraints: (RuleConstraint | undefined)[] = node.rules.map((rule) =>
    'filter' in rule ? undefined : ruleConstraint(rule, catalog),
  );
  const known = constraints.filter((c): c is RuleConstraint => c !== undefined);
  const allKnown = known.length === constraints.length;
  if ((node.match ?? 'all') === 'all') {
    return {
      then: known.reduce(holds, state),
      // Not all hold = some rule fails; an unknown rule may fail anywhere.
      else: allKnown ? known.reduce<State>((acc, c) => or(acc, fails(state, c)), null) : state,
    };
  }
  return {
    then: allKnown ? known.reduce<State>((acc, c) => or(acc, holds(state, c)), null) : state,
    else: known.reduce(fails, state),
  };
}

/**
 * Flows path constraints through the (acyclic, error-free) scheme in topological order and warns where
 * a branch can never be taken and where a listed processor can never be eligible. Conservative: a
 * warning is only given when no transaction at all could make it wrong.
 */
export function reasonAboutPaths(
  document: SchemeDocument,
  order: readonly string[],
  catalog: Catalog,
  registry: RegistryIndex,
): Problem[] {
  const problems: Problem[] = [];
  const incoming = new Map<string, State>([[document.start, new Map()]]);
  for (const id of order) {
    const node = document.nodes[id];
    const state = incoming.get(id) ?? null;
    if (!node) continue;
    if (node.type === 'condition') {
      const branches = branchStates(state, node, catalog);
      if (state !== null) {
        if (branches.then === null) {
          problems.push(warning('branch_never_taken', `The yes branch of "${id}" can never be taken: the conditions on every path here rule it out.`, ['nodes', id, 'then']));
        }
        if (branches.else === null) {
          problems.push(warning('branch_never_taken', `The no branch of "${id}" can never be taken: on every path here the condition always holds.`, ['nodes', id, 'else']));
        }
      }
      flow(incoming, node.then, branches.then);
      flow(incoming, node.else, branches.else);
    } else if (state !== null && node.strategy !== 'blank' && registry.processors) {
      for (const candidate of candidatesOf(id, node, registry).list) {
        const processor = registry.processors.get(candidate.processor);
        if (!processor || processor.status !== 'active') continue;
        const reason = ineligibility(processor, state);
        if (reason) {
          problems.push(warning('processor_never_eligible', `Processor "${processor.id}" can never be chosen in "${id}": ${reason}.`, candidate.path));
        }
      }
    }
  }
  return problems;
}

/** Joins `state` into what reaches `target` (a node reached from several branches gets their union). */
function flow(incoming: Map<string, State>, target: string | undefined, state: State): void {
  if (target === undefined) return;
  incoming.set(target, incoming.has(target) ? or(incoming.get(target)!, state) : state);
}

/** The closed set of present values an attribute must have on every path, if there is one. */
function requiredValues(state: ReadonlyMap<string, Domain>, attribute: string): ReadonlySet<string> | undefined {
  const d = state.get(attribute);
  return d?.kind === 'set' && d.pos !== undefined && !d.missing ? d.pos : undefined;
}

const list = (values: Iterable<string>) => [...values].join(', ');

/** Why the processor cannot take any transaction the state allows, or undefined if some may pass. */
function ineligibility(processor: Processor, state: ReadonlyMap<string, Domain>): string | undefined {
  const lacks = (supported: readonly string[], required: ReadonlySet<string> | undefined) =>
    supported.length > 0 && required !== undefined && ![...required].some((v) => supported.includes(v));
  const currencies = requiredValues(state, 'currency');
  if (lacks(processor.currencies, currencies)) {
    return `every path here requires currency ${list(currencies!)}, which it does not support`;
  }
  const methods = requiredValues(state, 'payment_method');
  if (lacks(processor.payment_methods, methods)) {
    return `every path here requires payment method ${list(methods!)}, which it does not support`;
  }
  const countries = eligibilityCountries(state);
  if (lacks(processor.countries, countries)) {
    return `every path here requires country ${list(countries!)} (card issuer, else customer), which it does not serve`;
  }
  return undefined;
}

/** Eligibility reads the card's issuing country, else the customer's. */
function eligibilityCountries(state: ReadonlyMap<string, Domain>): ReadonlySet<string> | undefined {
  const issuer = state.get('card.issuer_country') as SetDomain | undefined;
  if (!issuer) return undefined;
  const out = new Set<string>();
  if (issuer.pos === undefined) return undefined; // open set of issuer countries
  issuer.pos.forEach((c) => out.add(c));
  if (issuer.missing) {
    const customer = requiredValues(state, 'customer.country');
    if (!customer) return undefined;
    customer.forEach((c) => out.add(c));
  }
  return out;
}
