/**
 * fast-check generators of schema-valid scheme documents, for the graph property tests.
 * Ids include the awkward ones ("__proto__", "constructor", ids with ':'), every strategy kind
 * appears, and every optional field is sometimes absent and sometimes present.
 */
import fc from 'fast-check';
import {
  CASCADE_CATEGORIES,
  OPERATORS,
  SCHEME_FORMAT,
  type ConditionNode,
  type Rule,
  type SchemeDocument,
  type SchemeNode,
  type StrategyNode,
} from '../../scheme/schema';

export const nodeIdArb = fc.oneof(
  fc.constantFrom('toString', 'valueOf', 'start', 'a', 'a:yes', 'is_eu', 'x.y-z', 'cond_1', 'strat_1'),
  fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,11}$/).filter((id) => id !== 'prototype'),
);

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const scalarArb = fc.oneof(fc.string({ maxLength: 8 }), finite, fc.boolean());
export const positionArb = fc.record({ x: finite, y: finite });

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc.record(
    {
      attribute: fc.constantFrom('amount', 'currency', 'card.issuer_country', 'metadata.x'),
      operator: fc.constantFrom(...OPERATORS),
      value: fc.oneof(scalarArb, fc.array(scalarArb, { maxLength: 3 })),
    },
    { requiredKeys: ['attribute', 'operator'] },
  ),
  fc.stringMatching(/^flt_[a-z0-9]{1,6}$/).map((filter) => ({ filter })),
);

const labels = { label: fc.string({ maxLength: 10 }), description: fc.string({ maxLength: 10 }) };
const cascadeArb = fc.record({
  max_attempts: fc.integer({ min: 1, max: 10 }),
  on: fc.subarray([...CASCADE_CATEGORIES]),
});
const modifiersArb = fc.dictionary(fc.constantFrom('three_ds', 'cvv', 'note'), fc.oneof(fc.string({ maxLength: 6 }), finite, fc.boolean()));
const processorArb = fc.constantFrom('proc_a', 'proc_b', 'proc_c');

export const strategyArb: fc.Arbitrary<StrategyNode> = fc.oneof(
  fc.record(
    { type: fc.constant('strategy' as const), strategy: fc.constant('blank' as const), ...labels, reason: fc.string({ maxLength: 10 }), modifiers: modifiersArb },
    { requiredKeys: ['type', 'strategy'] },
  ),
  ...(['direct', 'random'] as const).map((strategy) =>
    fc.record(
      { type: fc.constant('strategy' as const), strategy: fc.constant(strategy), ...labels, processors: fc.array(processorArb, { maxLength: 3 }), cascade: cascadeArb, modifiers: modifiersArb },
      { requiredKeys: ['type', 'strategy', 'processors'] },
    ),
  ),
  fc.record(
    {
      type: fc.constant('strategy' as const),
      strategy: fc.constant('priority' as const),
      ...labels,
      processors: fc.array(fc.oneof(processorArb, fc.constant({ route: 'proute_main' })), { maxLength: 3 }),
      cascade: cascadeArb,
      modifiers: modifiersArb,
    },
    { requiredKeys: ['type', 'strategy', 'processors'] },
  ),
  fc.record(
    {
      type: fc.constant('strategy' as const),
      strategy: fc.constant('weight' as const),
      ...labels,
      processors: fc.array(fc.record({ processor: processorArb, weight: fc.integer({ min: 0, max: 100 }) }), { maxLength: 3 }),
      cascade: cascadeArb,
      modifiers: modifiersArb,
    },
    { requiredKeys: ['type', 'strategy', 'processors'] },
  ),
);

const conditionBodyArb = fc.record(
  { type: fc.constant('condition' as const), ...labels, match: fc.constantFrom('all' as const, 'any' as const), rules: fc.array(ruleArb, { maxLength: 3 }) },
  { requiredKeys: ['type', 'rules'] },
);

/** A branch target: a later node (DAG), or nothing; with `loose`, also any node or a dangling id. */
function branchArb(ids: string[], index: number, loose: boolean): fc.Arbitrary<string | undefined> {
  const later = ids.slice(index + 1);
  const choices: fc.Arbitrary<string | undefined>[] = [fc.constant(undefined)];
  if (later.length > 0) choices.push(fc.constantFrom(...later));
  if (loose) choices.push(fc.constantFrom(...ids), nodeIdArb);
  return fc.oneof(...choices);
}

function nodeArb(ids: string[], index: number, loose: boolean): fc.Arbitrary<SchemeNode> {
  const condition = fc
    .tuple(conditionBodyArb, branchArb(ids, index, loose), branchArb(ids, index, loose))
    .map(([body, then, otherwise]): ConditionNode => ({
      ...body,
      ...(then !== undefined ? { then } : {}),
      ...(otherwise !== undefined ? { else: otherwise } : {}),
    }));
  return fc.oneof(condition, strategyArb);
}

/**
 * A schema-valid document. Default: a DAG (branches only point to later nodes, so targets are shared
 * freely and branches may be missing). `loose`: also cycles, self-loops, dangling branches and start,
 * and layout entries for ids that are not nodes: everything a draft may hold.
 */
export function documentArb(options: { loose?: boolean; minNodes?: number; maxNodes?: number } = {}): fc.Arbitrary<SchemeDocument> {
  const loose = options.loose ?? false;
  return fc
    .uniqueArray(nodeIdArb, { minLength: options.minNodes ?? 1, maxLength: options.maxNodes ?? 8 })
    .chain((ids) =>
      fc.record(
        {
          $schema: fc.constant('./scheme.schema.json'),
          format: fc.constant(SCHEME_FORMAT),
          name: fc.string({ minLength: 1, maxLength: 10 }),
          description: fc.string({ maxLength: 10 }),
          start: loose ? fc.oneof(fc.constantFrom(...ids), nodeIdArb) : fc.constantFrom(...ids),
          nodes: fc.tuple(...ids.map((_, index) => nodeArb(ids, index, loose))).map((nodes) => Object.fromEntries(ids.map((id, i) => [id, nodes[i]!]))),
          layout: fc
            .tuple(fc.subarray(ids), loose ? fc.uniqueArray(nodeIdArb, { maxLength: 2 }) : fc.constant([]))
            .chain(([placed, extra]) => {
              const keys = [...new Set([...placed, ...extra])];
              return fc.tuple(...keys.map(() => positionArb)).map((positions) => Object.fromEntries(keys.map((id, i) => [id, positions[i]!])));
            }),
        },
        { requiredKeys: ['format', 'name', 'start', 'nodes'] },
      ),
    );
}

/** Freezes a value and everything inside it, so a test fails on any mutation. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
