import { z } from 'zod';

/**
 * The routing scheme document, format `switchyard.scheme/v1`.
 * This module is the single source of the format: TypeScript types and the JSON Schema
 * (see json-schema.ts) derive from it. Structure only: graph rules (dangling ids, cycles,
 * missing branches, catalog checks) belong to the compiler, so an unfinished draft still parses.
 */
export const SCHEME_FORMAT = 'switchyard.scheme/v1';

export const OPERATORS = [
  'eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between',
  'contains', 'not_contains', 'starts_with', 'ends_with', 'exists', 'not_exists', 'matches',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const STRATEGIES = ['blank', 'direct', 'priority', 'weight', 'random'] as const;
export type StrategyKind = (typeof STRATEGIES)[number];

export const CASCADE_CATEGORIES = ['soft_decline', 'processor_error', 'timeout'] as const;
export type CascadeCategory = (typeof CASCADE_CATEGORIES)[number];

const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

export const NodeIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/, 'letters, digits, _ . : - (not starting with . : -)')
  // Object-prototype names are refused: as map keys they are silently lost or misread by JSON tooling.
  .refine((id) => !RESERVED_IDS.has(id), 'reserved name, choose another id')
  .describe('A node id: a key of `nodes`.');

export const ProcessorIdSchema = z.string().min(1).max(128).describe('A processor id, e.g. "proc_stripe".');
export const RouteIdSchema = z.string().regex(/^proute_[A-Za-z0-9_-]+$/).max(128).describe('A processor route id.');
export const FilterIdSchema = z.string().regex(/^flt_[A-Za-z0-9_-]+$/).max(128).describe('A filter id.');

const ScalarSchema = z.union([z.string().max(2048), z.number(), z.boolean()]);
export const RuleValueSchema = z.union([ScalarSchema, z.array(ScalarSchema).max(10_000)]);
export type RuleValue = z.infer<typeof RuleValueSchema>;

export const AttributeRuleSchema = z
  .strictObject({
    attribute: z.string().min(1).max(256).describe('Dotted path into the transaction, from the attribute catalog.'),
    operator: z.enum(OPERATORS),
    value: RuleValueSchema.optional().describe('Omitted for exists / not_exists; a list for in / not_in; [min, max] for between.'),
  })
  .describe('Compares one transaction attribute with a value.');
export type AttributeRule = z.infer<typeof AttributeRuleSchema>;

export const FilterRuleSchema = z
  .strictObject({ filter: FilterIdSchema })
  .describe('A reference to a named, reusable filter (a stored group of rules).');
export type FilterRule = z.infer<typeof FilterRuleSchema>;

export const RuleSchema = z.union([AttributeRuleSchema, FilterRuleSchema]);
export type Rule = z.infer<typeof RuleSchema>;

const common = {
  label: z.string().max(200).optional().describe('Shown on the node in the editor.'),
  description: z.string().max(2000).optional(),
};

export const ConditionNodeSchema = z.strictObject({
  type: z.literal('condition'),
  ...common,
  match: z.enum(['all', 'any']).optional().describe('all = AND (default), any = OR.'),
  rules: z.array(RuleSchema).max(1000),
  then: NodeIdSchema.optional().describe('Node taken when the condition holds (yes branch).'),
  else: NodeIdSchema.optional().describe('Node taken when it does not (no branch).'),
});
export type ConditionNode = z.infer<typeof ConditionNodeSchema>;

export const CascadeSchema = z
  .strictObject({
    max_attempts: z.number().int().min(1).max(10),
    on: z.array(z.enum(CASCADE_CATEGORIES)).max(3).describe('Failure categories on which the next candidate is tried.'),
  })
  .describe('Retry on the next candidate; never on hard declines. Without it, one attempt.');
export type Cascade = z.infer<typeof CascadeSchema>;

export const ModifiersSchema = z
  .record(z.string().min(1).max(64), z.union([z.string().max(256), z.number(), z.boolean()]))
  .describe('What the decision asks of the payment, e.g. three_ds: required | skip. Returned verbatim.');
export type Modifiers = z.infer<typeof ModifiersSchema>;

const strategyCommon = {
  type: z.literal('strategy'),
  ...common,
  cascade: CascadeSchema.optional(),
  modifiers: ModifiersSchema.optional(),
};

export const RouteRefSchema = z.strictObject({ route: RouteIdSchema }).describe('Expands to the processors of a processor route.');
export const WeightedProcessorSchema = z.strictObject({
  processor: ProcessorIdSchema,
  weight: z.number().describe('Whole number; the weights of a strategy sum to 100.'),
});

export const BlankStrategySchema = z.strictObject({
  type: z.literal('strategy'),
  ...common,
  strategy: z.literal('blank'),
  reason: z.string().max(500).optional().describe('Why the payment is refused.'),
  modifiers: ModifiersSchema.optional(),
});
export const DirectStrategySchema = z.strictObject({
  ...strategyCommon,
  strategy: z.literal('direct'),
  processors: z.array(ProcessorIdSchema).max(1000).describe('Exactly one processor.'),
});
export const PriorityStrategySchema = z.strictObject({
  ...strategyCommon,
  strategy: z.literal('priority'),
  processors: z.array(z.union([ProcessorIdSchema, RouteRefSchema])).max(1000).describe('Ordered; the first eligible is chosen.'),
});
export const WeightStrategySchema = z.strictObject({
  ...strategyCommon,
  strategy: z.literal('weight'),
  processors: z.array(WeightedProcessorSchema).max(1000),
});
export const RandomStrategySchema = z.strictObject({
  ...strategyCommon,
  strategy: z.literal('random'),
  processors: z.array(ProcessorIdSchema).max(1000).describe('A uniform choice among the eligible ones.'),
});

export const StrategyNodeSchema = z.discriminatedUnion('strategy', [
  BlankStrategySchema,
  DirectStrategySchema,
  PriorityStrategySchema,
  WeightStrategySchema,
  RandomStrategySchema,
]);
export type StrategyNode = z.infer<typeof StrategyNodeSchema>;
export type BlankStrategy = z.infer<typeof BlankStrategySchema>;
export type DirectStrategy = z.infer<typeof DirectStrategySchema>;
export type PriorityStrategy = z.infer<typeof PriorityStrategySchema>;
export type WeightStrategy = z.infer<typeof WeightStrategySchema>;
export type RandomStrategy = z.infer<typeof RandomStrategySchema>;

export const SchemeNodeSchema = z.discriminatedUnion('type', [ConditionNodeSchema, StrategyNodeSchema]);
export type SchemeNode = z.infer<typeof SchemeNodeSchema>;

export const PositionSchema = z.strictObject({ x: z.number(), y: z.number() });

export const SchemeDocumentSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Optional pointer to the JSON Schema, for editors.'),
    format: z.literal(SCHEME_FORMAT),
    name: z.string().min(1).max(200),
    description: z.string().max(5000).optional(),
    start: NodeIdSchema.describe('The first node.'),
    nodes: z.record(NodeIdSchema, SchemeNodeSchema).describe('Map from node id to node.'),
    layout: z.record(NodeIdSchema, PositionSchema).optional().describe('Editor positions only; the engine ignores it.'),
  })
  .describe('A Switchyard routing scheme.');
export type SchemeDocument = z.infer<typeof SchemeDocumentSchema>;
