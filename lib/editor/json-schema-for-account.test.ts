import { describe, expect, it } from 'vitest';
import { compileOptionsFor, type AccountContext } from '../account/context';
import { jsonSchemaForAccount } from './json-schema-for-account';
import { EXAMPLE_PROCESSORS } from '../scheme/examples';

const account: AccountContext = {
  processors: EXAMPLE_PROCESSORS.map((p) => ({ ...p, name: `${p.id} name` })),
  routes: [{ id: 'proute_eu', name: 'EU route', processors: ['proc_adyen_eu', 'proc_stripe'] }],
  filters: [{ id: 'flt_high_risk', name: 'High risk', rules: [{ attribute: 'customer.risk_score', operator: 'gte', value: 80 }] }],
  customAttributes: [{ name: 'metadata.loyalty_tier', type: 'enum', label: 'Loyalty tier', domain: ['gold', 'silver'] }],
  timeZone: 'UTC',
};
const { catalog } = compileOptionsFor(account);

type Json = Record<string, any>;
const schema = jsonSchemaForAccount(account, catalog, ['risk_check', 'eu_priority']) as Json;
const nodeVariants = schema.properties.nodes.additionalProperties.oneOf as Json[];
const condition = nodeVariants.find((v) => v.properties?.type?.const === 'condition')!;
const strategies = nodeVariants.find((v) => v.oneOf)?.oneOf as Json[] | undefined;
const strategy = (kind: string) => (strategies ?? nodeVariants).find((v) => v.properties?.strategy?.const === kind)!;
/** The values an open enum offers, and whether it still accepts any other string. */
const offered = (field: Json) => {
  const [choices, open] = field.anyOf as [Json, Json];
  return { values: choices.enum as string[], descriptions: choices.enumDescriptions as string[], open: Object.keys(open).length === 0 };
};

describe('jsonSchemaForAccount', () => {
  it('offers every catalog attribute, custom ones included, with descriptions, and keeps others valid', () => {
    const attribute = offered(condition.properties.rules.items.anyOf[0].properties.attribute);
    expect(attribute.values).toEqual(expect.arrayContaining(['amount', 'card.issuer_country', 'metadata.loyalty_tier']));
    expect(attribute.descriptions[attribute.values.indexOf('metadata.loyalty_tier')]).toMatch(/Loyalty tier \(enum, custom\)/);
    expect(attribute.open).toBe(true);
  });

  it('offers this account’s processors in every strategy, with name, status and currencies', () => {
    for (const kind of ['direct', 'priority', 'random']) {
      const items = strategy(kind).properties.processors.items;
      const field = kind === 'priority' ? items.anyOf[0] : items;
      expect(offered(field).values).toEqual(EXAMPLE_PROCESSORS.map((p) => p.id));
    }
    const weighted = offered(strategy('weight').properties.processors.items.properties.processor);
    const first = EXAMPLE_PROCESSORS[0]!;
    expect(weighted.descriptions[0]).toContain(`${first.id} name · ${first.status}`);
  });

  it('offers route ids, filter ids and the document’s node ids', () => {
    const routeRef = strategy('priority').properties.processors.items.anyOf[1];
    expect(offered(routeRef.properties.route).values).toEqual(['proute_eu']);
    expect(offered(condition.properties.rules.items.anyOf[1].properties.filter)).toMatchObject({ values: ['flt_high_risk'], descriptions: ['High risk (1 rule)'] });
    expect(offered(schema.properties.start).values).toEqual(['risk_check', 'eu_priority']);
    expect(offered(condition.properties.then).values).toEqual(['risk_check', 'eu_priority']);
    expect(offered(condition.properties.else).values).toEqual(['risk_check', 'eu_priority']);
  });

  it('leaves the format itself as generated: the same operators, strategies and required fields', () => {
    expect(condition.properties.rules.items.anyOf[0].properties.operator.enum).toContain('between');
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'name', 'start', 'nodes']));
  });
});
